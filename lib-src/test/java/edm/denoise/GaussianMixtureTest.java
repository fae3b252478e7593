package edm.denoise;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    /** An anisotropic 3-component mixture in 2D with overlapping components. */
    private static GaussianMixture skewed() {
        return new GaussianMixture(new double[] {0.5, 0.3, 0.2},
                new double[][] {{0, 0}, {2, -1}, {-1.5, 2}},
                new double[][] {{1, 0.5}, {0.3, 0.8}, {0.6, 0.6}});
    }

    @Test
    void scoreIsTheGradientOfTheLogDensity() {
        GaussianMixture[] mixtures = {GaussianMixture.ncsnToy(), skewed(), GaussianMixture.eightGaussians()};
        double[][] points = {{0.3, -0.2}, {-4.5, -5.5}, {1.9, 0.1}, {3, 3}};
        try (NDManager m = NDManager.newBaseManager()) {
            for (GaussianMixture g : mixtures) {
                for (double sigma : new double[] {0.05, 0.5, 2, 20}) {
                    NDArray x = m.create(points);
                    double[] score = g.score(x, sigma).toDoubleArray();
                    // Central differences with h = 1e-5 sigma: truncation h^2/6 |f'''| is about
                    // 1e-11 / sigma in score units, rounding about 1e-16 |log p| / h; both far
                    // below the tolerance 1e-6 (1 + |score|).
                    double h = 1e-5 * sigma;
                    for (int j = 0; j < 2; j++) {
                        double[][] plus = new double[points.length][];
                        double[][] minus = new double[points.length][];
                        for (int b = 0; b < points.length; b++) {
                            plus[b] = points[b].clone();
                            minus[b] = points[b].clone();
                            plus[b][j] += h;
                            minus[b][j] -= h;
                        }
                        double[] lp = g.logDensity(m.create(plus), sigma).toDoubleArray();
                        double[] lm = g.logDensity(m.create(minus), sigma).toDoubleArray();
                        for (int b = 0; b < points.length; b++) {
                            double fd = (lp[b] - lm[b]) / (2 * h);
                            double exact = score[b * 2 + j];
                            assertEquals(fd, exact, 1e-6 * (1 + Math.abs(exact)),
                                    "sigma " + sigma + " point " + b + " coordinate " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void denoiserEqualsXPlusSigmaSquaredScore() {
        GaussianMixture g = skewed();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[][] {{0.1, 0.2}, {5, -3}, {-2, 2.5}});
            for (double sigma : new double[] {0.01, 0.3, 3, 100}) {
                double[] d = g.denoise(x, sigma).toDoubleArray();
                double[] viaScore = x.add(g.score(x, sigma).mul(sigma * sigma)).toDoubleArray();
                assertArrayEquals(viaScore, d, 1e-12 * (1 + sigma * sigma), "sigma " + sigma);
            }
        }
    }

    @Test
    void logDensityOfAOneDimensionalMixtureByHand() {
        GaussianMixture g = GaussianMixture.bimodal1d();
        double sigma = 0.4;
        double x = 0.7;
        double v1 = 0.09 + sigma * sigma;
        double v2 = 0.25 + sigma * sigma;
        double p = 0.3 * Math.exp(-(x + 1) * (x + 1) / (2 * v1)) / Math.sqrt(2 * Math.PI * v1)
                + 0.7 * Math.exp(-(x - 2) * (x - 2) / (2 * v2)) / Math.sqrt(2 * Math.PI * v2);
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(Math.log(p), g.logDensity(m.create(new double[][] {{x}}), sigma).getDouble(0), 1e-13);
        }
    }

    @Test
    void oneComponentMixtureEqualsGaussianData() {
        GaussianData data = new GaussianData(new double[] {1, -2, 0.5}, new double[] {0.5, 2, 1});
        GaussianMixture single = data.asMixture();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[][] {{0, 0, 0}, {3, 1, -2}});
            for (double sigma : new double[] {0.01, 1, 50}) {
                assertArrayEquals(data.denoise(x, sigma).toDoubleArray(),
                        single.denoise(x, sigma).toDoubleArray(), 1e-13);
                assertArrayEquals(data.logDensity(x, sigma).toDoubleArray(),
                        single.logDensity(x, sigma).toDoubleArray(), 1e-12);
                assertArrayEquals(data.score(x, sigma).toDoubleArray(),
                        single.score(x, sigma).toDoubleArray(), 1e-12 / (sigma * sigma) + 1e-12);
            }
        }
    }

    @Test
    void sampleMomentsWithinMonteCarloTolerance() {
        // NCSN toy, per coordinate: mean = 0.8(-5) + 0.2(5) = -3, variance = 1 + 0.8(-5+3)^2
        // + 0.2(5+3)^2 = 17. With n = 100,000 the sample mean has sd sqrt(17/n) = 0.013; 5 sd.
        // The fraction of points with x_0 > 0 estimates P(component 2) = 0.2 (up to a 3e-7 tail
        // from each side): binomial sd sqrt(0.2 * 0.8 / n); 5 sd.
        int n = 100_000;
        try (NDManager m = NDManager.newBaseManager()) {
            double[] y = GaussianMixture.ncsnToy().sample(m, n, 99).toDoubleArray();
            double sum = 0;
            int right = 0;
            for (int i = 0; i < n; i++) {
                sum += y[2 * i];
                right += y[2 * i] > 0 ? 1 : 0;
            }
            assertEquals(-3, sum / n, 5 * Math.sqrt(17.0 / n));
            assertEquals(0.2, right / (double) n, 5 * Math.sqrt(0.16 / n));
            double[] again = GaussianMixture.ncsnToy().sample(m, 10, 99).toDoubleArray();
            assertArrayEquals(again, java.util.Arrays.copyOf(y, 20), 0.0, "sample i independent of n");
        }
    }

    @Test
    void tweedieMonteCarloPosteriorMeanMatchesDenoiser() {
        // D(x; sigma) = E[y | y + n = x] = int y N(x; y, sigma^2) p(y) dy / int N(x; y, sigma^2) p(y) dy.
        // Self-normalized importance sampling with y_i ~ p_data and weights w_i = N(x; y_i, sigma^2 I):
        // est = sum w_i y_i / sum w_i. By the delta method its standard error per coordinate is
        // se = sqrt(sum w_i^2 (y_i - est)^2) / sum w_i, computed from the same sample (it scales as
        // 1/sqrt(n_eff), n_eff = (sum w)^2 / sum w^2). We require |est - D| < 5 se (false failure
        // about 6e-7 per coordinate under the CLT) and se < 0.03, so the check has power: a denoiser
        // off by more than 0.15 fails.
        GaussianMixture g = GaussianMixture.ncsnToy();
        int n = 400_000;
        double sigma = 3;
        double[][] points = {{1, 0.5}, {-2, -4}, {4, 6}};
        try (NDManager m = NDManager.newBaseManager()) {
            double[] y = g.sample(m, n, 2022).toDoubleArray();
            double[] d = g.denoise(m.create(points), sigma).toDoubleArray();
            for (int b = 0; b < points.length; b++) {
                double[] x = points[b];
                double[] w = new double[n];
                double sw = 0;
                double sw2 = 0;
                double[] swy = new double[2];
                for (int i = 0; i < n; i++) {
                    double dx = x[0] - y[2 * i];
                    double dy = x[1] - y[2 * i + 1];
                    w[i] = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                    sw += w[i];
                    sw2 += w[i] * w[i];
                    swy[0] += w[i] * y[2 * i];
                    swy[1] += w[i] * y[2 * i + 1];
                }
                for (int j = 0; j < 2; j++) {
                    double est = swy[j] / sw;
                    double v = 0;
                    for (int i = 0; i < n; i++) {
                        double r = y[2 * i + j] - est;
                        v += w[i] * w[i] * r * r;
                    }
                    double se = Math.sqrt(v) / sw;
                    assertTrue(se < 0.03, "standard error " + se + " too large, n_eff = " + sw * sw / sw2);
                    assertEquals(est, d[2 * b + j], 5 * se, "point " + b + " coordinate " + j);
                }
            }
        }
    }

    @Test
    void validationNamesParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(
                new double[] {0.5, 0.6}, new double[][] {{0}, {1}}, new double[][] {{1}, {1}}));
        assertTrue(e.getMessage().startsWith("weights must sum to 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(
                new double[] {1}, new double[][] {{0, 1}}, new double[][] {{1}}));
        assertTrue(e.getMessage().startsWith("means[0] and stds[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(
                new double[] {0.5, 0.5}, new double[][] {{0}}, new double[][] {{1}}));
        assertTrue(e.getMessage().startsWith("means and stds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(
                new double[] {1}, new double[][] {{0}}, new double[][] {{0}}));
        assertTrue(e.getMessage().startsWith("stds[0][0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(
                new double[] {1.5, -0.5}, new double[][] {{0}, {1}}, new double[][] {{1}, {1}}));
        assertTrue(e.getMessage().startsWith("weights[1]"), e.getMessage());
        GaussianMixture g = GaussianMixture.ncsnToy();
        try (NDManager m = NDManager.newBaseManager()) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> g.denoise(m.zeros(new Shape(2, 2)), -1));
            assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> g.logDensity(m.zeros(new Shape(2, 3)), 1));
            assertTrue(e.getMessage().startsWith("x must have shape"), e.getMessage());
        }
    }
}
