package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimTest {

    @Test
    void clippingBoundsTheGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> g = List.of(m.create(new float[] {3, 4}), m.create(new float[] {12}));
            assertEquals(13, GradClip.clip(g, 1), 1e-5);
            assertEquals(1, GradClip.globalNorm(g), 1e-5);
            assertArrayEquals(new float[] {3 / 13f, 4 / 13f}, g.get(0).toFloatArray(), 1e-6f);
            assertEquals(1, GradClip.clip(g, 5), 1e-5, "under the bound: unchanged");
            assertEquals(1, GradClip.globalNorm(g), 1e-5);
            assertEquals(1, GradClip.scale(100, 0), "c = 0 disables clipping");
        }
    }

    @Test
    void emaHalfLifeHalvesTheWeightOfOldSamples() {
        // beta = 0.5^(B/h): after h/B steps the old average keeps weight 0.5.
        double beta = Ema.beta(100, 1000, 0, 1_000_000);
        assertEquals(Math.pow(0.5, 0.1), beta, 1e-15);
        assertEquals(0.5, Math.pow(beta, 10), 1e-12);
        // EDM's ramp-up: h = min(1000, 0.05 * 1000) = 50 -> beta = 0.5^2.
        assertEquals(0.25, Ema.beta(100, 1000, 0.05, 1000), 1e-15);
        try (NDManager m = NDManager.newBaseManager(); NDManager s = m.newSubManager()) {
            NDArray w = m.zeros(new ai.djl.ndarray.types.Shape(3));
            Ema ema = new Ema(List.of(w), m);
            w.addi(1);
            ema.update(List.of(w), 0.25, s);
            assertArrayEquals(new float[] {0.75f, 0.75f, 0.75f}, ema.weights().get(0).toFloatArray());
        }
    }

    @Test
    void adamFirstStepMovesEachWeightByLr() {
        // At t = 1, m/(1-beta1) = g and v/(1-beta2) = g^2, so the step is lr g/(|g| + eps) ~ lr sign(g).
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 1});
            Adam adam = new Adam(List.of(w), m);
            adam.update(List.of(w), List.of(m.create(new float[] {0.5f, -2f})), 0.1);
            assertArrayEquals(new float[] {0.9f, 1.1f}, w.toFloatArray(), 1e-6f);
            assertEquals(1, adam.t());
        }
    }

    @Test
    void adamFollowsItsFormulaOverManyStepsIncludingGradientsNearEps() {
        // Reference in double: m, v moments, bias corrections, eps added to sqrt(v_hat) (PyTorch's placement).
        int n = 6, steps = 40;
        double lr = 0.01;
        double[] w = {1, -1, 0.5, 0, 2, -0.25};
        double[] mm = new double[n], vv = new double[n];
        java.util.Random r = new java.util.Random(7);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray wa = m.create(toFloats(w));
            Adam adam = new Adam(List.of(wa), m);
            for (int t = 1; t <= steps; t++) {
                double[] g = new double[n];
                for (int i = 0; i < n; i++) {
                    g[i] = r.nextGaussian() * Math.pow(10, -(i + 2 * (i / 3)) - 1); // 1e-1 down to 1e-8
                }
                float[] gf = toFloats(g);
                try (NDManager s = m.newSubManager()) {
                    adam.update(List.of(wa), List.of(s.create(gf)), lr);
                }
                for (int i = 0; i < n; i++) {
                    mm[i] = Adam.BETA1 * mm[i] + (1 - Adam.BETA1) * gf[i];
                    vv[i] = Adam.BETA2 * vv[i] + (1 - Adam.BETA2) * gf[i] * gf[i];
                    double mh = mm[i] / (1 - Math.pow(Adam.BETA1, t)), vh = vv[i] / (1 - Math.pow(Adam.BETA2, t));
                    w[i] -= lr * mh / (Math.sqrt(vh) + Adam.EPS);
                }
            }
            float[] got = wa.toFloatArray();
            for (int i = 0; i < n; i++) {
                assertEquals(w[i], got[i], 2e-6 * (1 + Math.abs(w[i])), "w[" + i + "] after " + steps + " steps");
            }
            assertEquals(steps, adam.t());
        }
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
