package edm.denoise;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GaussianDataTest {
    private static final double[] MU = {0.5, -1, 2};
    private static final double[] C = {0.5, 1.5, 0.1};

    @Test
    void closedFormFlowMatchesFineRk4OfThePfOde() {
        // dx/dsigma = (x - D(x; sigma)) / sigma, integrated in u = ln sigma (dx/du = x - D(x; e^u),
        // smooth in u) with classical RK4, 2000 steps from sigma = 20 to 0.05, in float64 through the
        // denoiser itself. Global error ~ h^4 with h = ln(400)/2000 = 3e-3, i.e. ~1e-10 relative.
        GaussianData g = new GaussianData(MU, C);
        double sigmaA = 20;
        double sigmaB = 0.05;
        int steps = 2000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.create(new double[][] {{10, -25, 30}, {-7, 3, -12}, {0.9, -0.8, 2.5}});
            NDArray x = x0.duplicate();
            double ua = Math.log(sigmaA);
            double h = (Math.log(sigmaB) - ua) / steps;
            for (int i = 0; i < steps; i++) {
                try (NDManager step = m.newSubManager()) {
                    double u = ua + i * h;
                    NDArray xs = x.duplicate();
                    xs.attach(step);
                    NDArray k1 = rhs(g, xs, u);
                    NDArray k2 = rhs(g, xs.add(k1.mul(h / 2)), u + h / 2);
                    NDArray k3 = rhs(g, xs.add(k2.mul(h / 2)), u + h / 2);
                    NDArray k4 = rhs(g, xs.add(k3.mul(h)), u + h);
                    x.addi(k1.add(k2.mul(2)).add(k3.mul(2)).add(k4).mul(h / 6));
                }
            }
            double[] numeric = x.toDoubleArray();
            double[] exact = g.flow(x0, sigmaA, sigmaB).toDoubleArray();
            for (int i = 0; i < exact.length; i++) {
                double scale = Math.abs(exact[i] - MU[i % 3]) + 1e-300;
                assertEquals(0, (numeric[i] - exact[i]) / scale, 1e-9, "element " + i);
            }
            // The closed form must not be trivially close: the flow shrinks x - mu by up to 200x.
            assertTrue(Math.abs(exact[2] - MU[2]) < 0.01 * Math.abs(30 - MU[2]));
        }
    }

    private static NDArray rhs(GaussianData g, NDArray x, double u) {
        return x.sub(g.denoise(x, Math.exp(u)));
    }

    @Test
    void flowComposesAndReachesTheDataScale() {
        GaussianData g = new GaussianData(MU, C);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[][] {{3, 4, 5}});
            double[] direct = g.flow(x, 80, 0).toDoubleArray();
            double[] twoSteps = g.flow(g.flow(x, 80, 1.3), 1.3, 0).toDoubleArray();
            assertArrayEquals(direct, twoSteps, 1e-13);
            double[] back = g.flow(g.flow(x, 80, 0), 0, 80).toDoubleArray();
            assertArrayEquals(x.toDoubleArray(), back, 1e-12);
            for (int j = 0; j < 3; j++) {
                double expected = MU[j] + C[j] / Math.sqrt(C[j] * C[j] + 6400) * (x.getDouble(0, j) - MU[j]);
                assertEquals(expected, direct[j], 1e-14);
            }
        }
    }

    @Test
    void denoiserAndLogDensityFollowTheFormulas() {
        GaussianData g = new GaussianData(MU, C);
        double sigma = 0.7;
        double[] x = {1, 1, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(1, 3));
            double[] d = g.denoise(xa, sigma).toDoubleArray();
            double logp = 0;
            for (int j = 0; j < 3; j++) {
                double v = C[j] * C[j] + sigma * sigma;
                assertEquals(MU[j] + C[j] * C[j] / v * (x[j] - MU[j]), d[j], 1e-15);
                logp += -0.5 * (x[j] - MU[j]) * (x[j] - MU[j]) / v - 0.5 * Math.log(2 * Math.PI * v);
            }
            assertEquals(logp, g.logDensity(xa, sigma).getDouble(0), 1e-13);
        }
    }

    @Test
    void sampleMomentsWithinMonteCarloTolerance() {
        // Sample mean of n draws of N(mu_j, c_j^2) has sd c_j / sqrt(n); the sample variance has sd
        // c_j^2 sqrt(2 / n) (normal data). Tolerance 5 sd each.
        GaussianData g = new GaussianData(MU, C);
        int n = 50_000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = g.sample(m, n, 5);
            double[] mean = y.mean(new int[] {0}).toDoubleArray();
            double[] var = y.sub(y.mean(new int[] {0})).square().mean(new int[] {0}).toDoubleArray();
            for (int j = 0; j < 3; j++) {
                assertEquals(MU[j], mean[j], 5 * C[j] / Math.sqrt(n));
                assertEquals(C[j] * C[j], var[j], 5 * C[j] * C[j] * Math.sqrt(2.0 / n));
            }
        }
    }

    @Test
    void validationNamesParameters() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianData(new double[] {0, 0}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("c must have"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianData(new double[] {0}, new double[] {-1}));
        assertTrue(e.getMessage().startsWith("c[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GaussianData.isotropic(0, 0, 1));
        assertTrue(e.getMessage().startsWith("d"), e.getMessage());
        GaussianData g = GaussianData.isotropic(2, 0, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> g.flow(m.zeros(new Shape(1, 2)), -1, 0));
            assertTrue(e.getMessage().startsWith("sigmaFrom"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> g.denoise(m.zeros(new Shape(1, 2)), Double.NaN));
            assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
        }
    }
}
