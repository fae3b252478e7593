package edm.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GroupNorm (fused through libtorch's layer norm) against its definition computed here in double, and
 * its input gradient against central finite differences and its parameter gradients against their closed
 * forms, all in float64 so the tolerances are tight.
 */
class GroupNormTest {
    private static final int B = 2, C = 6, G = 3, H = 3, W = 2;

    private static double[] randoms(int n, long seed, double scale, double shift) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = shift + scale * r.nextGaussian();
        }
        return v;
    }

    /** y = gamma (x - mean_g) / sqrt(var_g + 1e-5) + beta, straight from the definition. */
    private static double[] reference(double[] x, double[] gamma, double[] beta) {
        int m = C / G * H * W;
        double[] y = new double[x.length];
        for (int b = 0; b < B; b++) {
            for (int g = 0; g < G; g++) {
                int start = (b * G + g) * m;
                double mean = 0, var = 0;
                for (int i = 0; i < m; i++) {
                    mean += x[start + i] / m;
                }
                for (int i = 0; i < m; i++) {
                    var += (x[start + i] - mean) * (x[start + i] - mean) / m;
                }
                for (int i = 0; i < m; i++) {
                    int c = (start + i) / (H * W) % C;
                    y[start + i] = gamma[c] * (x[start + i] - mean) / Math.sqrt(var + 1e-5) + beta[c];
                }
            }
        }
        return y;
    }

    private static double loss(double[] y, double[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * w[i];
        }
        return s;
    }

    @Test
    void forwardMatchesTheDefinitionAndInputGradientMatchesFiniteDifferences() {
        Shape shape = new Shape(B, C, H, W);
        double[] x = randoms(B * C * H * W, 1, 2.0, 0.7);
        double[] gamma = randoms(C, 2, 0.5, 1.0);
        double[] beta = randoms(C, 3, 0.5, 0.0);
        double[] w = randoms(x.length, 4, 1.0, 0.0);
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm norm = new GroupNorm(G, C);
            norm.initialize(m, DataType.FLOAT64, shape);
            norm.getParameters().get("gamma").getArray().set(m.create(gamma).toByteBuffer());
            norm.getParameters().get("beta").getArray().set(m.create(beta).toByteBuffer());
            NDArray xa = m.create(x, shape);
            xa.setRequiresGradient(true);
            double[] y;
            double[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = norm.forward(new ParameterStore(m, false), new NDList(xa), true).singletonOrThrow();
                y = out.toDoubleArray();
                gc.backward(out.mul(m.create(w, shape)).sum());
                grad = xa.getGradient().toDoubleArray();
            }
            assertArrayEquals(reference(x, gamma, beta), y, 1e-10, "forward");
            double[] gradGamma = norm.getParameters().get("gamma").getArray().getGradient().toDoubleArray();
            double[] gradBeta = norm.getParameters().get("beta").getArray().getGradient().toDoubleArray();
            double[] unitGamma = new double[C];
            java.util.Arrays.fill(unitGamma, 1);
            double[] normalized = reference(x, unitGamma, new double[C]);
            for (int c = 0; c < C; c++) { // dL/dgamma_c = sum w normalized, dL/dbeta_c = sum w, over channel c
                double dg = 0, db = 0;
                for (int i = 0; i < x.length; i++) {
                    if (i / (H * W) % C == c) {
                        dg += w[i] * normalized[i];
                        db += w[i];
                    }
                }
                assertEquals(dg, gradGamma[c], 1e-10 * (1 + Math.abs(dg)), "dL/dgamma[" + c + "]");
                assertEquals(db, gradBeta[c], 1e-10 * (1 + Math.abs(db)), "dL/dbeta[" + c + "]");
            }
            double h = 1e-6;
            for (int i = 0; i < x.length; i++) {
                double[] up = x.clone(), down = x.clone();
                up[i] += h;
                down[i] -= h;
                double fd = (loss(reference(up, gamma, beta), w) - loss(reference(down, gamma, beta), w)) / (2 * h);
                assertEquals(fd, grad[i], 1e-6 * (1 + Math.abs(fd)), "dL/dx[" + i + "]");
            }
        }
    }

    @Test
    void unetUpsamplingRepeatsEachPixelTwiceAlongBothAxes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray h = m.arange(2 * 3 * 4 * 5).toType(DataType.FLOAT32, false).reshape(2, 3, 4, 5);
            NDArray up = UNet.nearest2x(h);
            assertEquals(new Shape(2, 3, 8, 10), up.getShape());
            assertArrayEquals(h.repeat(2, 2).repeat(3, 2).toFloatArray(), up.toFloatArray());
        }
    }

    @Test
    void rejectsGroupsThatDoNotDivideTheChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
        assertTrue(e.getMessage().contains("groups"), e.getMessage());
    }
}
