package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import edm.process.DiscreteDdpm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianReverseChainTest {
    /** The NDArray KL against the scalar closed form and against numerical integration of q ln(q/p). */
    @Test
    void gaussianKlMatchesClosedFormAndIntegration() {
        double[][] cases = {{0, 1, 1, 4}, {0.3, 0.5, -1.2, 2.0}, {2, 0.01, 1.9, 0.02}};
        try (NDManager m = NDManager.newBaseManager()) {
            for (double[] c : cases) {
                double closed = 0.5 * (Math.log(c[3] / c[1]) + (c[1] + (c[0] - c[2]) * (c[0] - c[2])) / c[3] - 1);
                assertEquals(closed, GaussianReverseChain.klDiag(c[0], c[1], c[2], c[3]), 1e-12);
                // numerical integral of q ln(q/p) on a fine grid
                double s1 = Math.sqrt(c[1]), integral = 0, h = s1 * 1e-3;
                for (double x = c[0] - 12 * s1; x <= c[0] + 12 * s1; x += h) {
                    double lq = -0.5 * Math.log(2 * Math.PI * c[1]) - (x - c[0]) * (x - c[0]) / (2 * c[1]);
                    double lp = -0.5 * Math.log(2 * Math.PI * c[3]) - (x - c[2]) * (x - c[2]) / (2 * c[3]);
                    integral += Math.exp(lq) * (lq - lp) * h;
                }
                assertEquals(closed, integral, 1e-6 * Math.max(1, closed));
                // two dimensions with the same per-coordinate parameters: twice the 1D value
                var kl = GaussianReverseChain.klDiag(
                        m.create(new double[] {c[0], c[0]}).reshape(1, 2), m.create(new double[] {Math.log(c[1]), Math.log(c[1])}).reshape(1, 2),
                        m.create(new double[] {c[2], c[2]}).reshape(1, 2), m.create(new double[] {Math.log(c[3]), Math.log(c[3])}).reshape(1, 2));
                assertEquals(2 * closed, kl.getDouble(0), 1e-9);
            }
        }
    }

    @Test
    void inverseNormalCdfInvertsTheCdf() {
        for (double p : new double[] {1e-10, 1e-3, 0.02, 0.3, 0.5, 0.9, 0.999}) {
            assertEquals(p, edm.metric.NormalCdf.cdf(GaussianReverseChain.inverseNormalCdf(p)), 1e-12 + 1e-9 * p);
        }
    }

    /** Training on a 2D two-point mixture lowers the bound estimate; products confine the samples. */
    @Test
    void lossDecreasesAndProductsConfine() {
        double[][] data = twoClusters(1);
        DiscreteDdpm chain = DiscreteDdpm.ofBetas(sigmoidBetas(20));
        try (var model = new GaussianReverseChain(chain, 2, 32, 2, 7)) {
            double before = sum(model.boundTerms(data, 1));
            double[] h = model.train(data, 300, 128, 3e-3);
            double after = sum(model.boundTerms(data, 1));
            double first = mean(h, 0, 30), last = mean(h, h.length - 30, h.length);
            assertTrue(last < first - 0.5, "training loss " + first + " -> " + last);
            assertTrue(after < before - 0.5, "bound " + before + " -> " + after);
            double[][] fixed = model.sample(200, 3, GaussianReverseChain.Product.fixCoordinate(0, 0.25))[0];
            double[][] boxed = model.sample(200, 3, GaussianReverseChain.Product.box(1, 0.0, 10))[0];
            for (int i = 0; i < 200; i++) {
                assertEquals(0.25, fixed[i][0]);
                assertTrue(boxed[i][1] >= 0);
            }
        }
    }

    /** Every DDPM Table 2 variant trains on the bound; a fixed variance is exactly beta_t at every point. */
    @Test
    void table2VariantsLowerTheBoundAndFixedVariancesStayBeta() {
        double[][] data = twoClusters(4);
        DiscreteDdpm chain = DiscreteDdpm.ofBetas(sigmoidBetas(20));
        for (var mean : GaussianReverseChain.Variant.Mean.values()) {
            for (boolean learned : new boolean[] {true, false}) {
                var variant = new GaussianReverseChain.Variant(mean, learned);
                try (var model = new GaussianReverseChain(chain, 2, 32, 2, 7, variant)) {
                    double before = sum(model.boundTerms(data, 1));
                    model.train(data, 300, 128, 3e-3);
                    double after = sum(model.boundTerms(data, 1));
                    assertTrue(after < before - 0.5, variant.label() + ": bound " + before + " -> " + after);
                    double[][][] p = model.reverse(new double[][] {{0.3, -0.2}, {2, 1}}, 7);
                    for (double[] v : p[1]) {
                        for (double x : v) {
                            if (learned) {
                                assertTrue(x > 0 && Double.isFinite(x), variant.label() + " variance " + x);
                            } else {
                                assertEquals(chain.beta(7), x, 1e-6 * chain.beta(7), variant.label());
                            }
                        }
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (var model = new GaussianReverseChain(chain, 2, 8, 1, 1)) {
                model.reverse(new double[][] {{0, 0}}, 21);
            }
        });
    }

    /** 512 points, half near (-1, -0.5) and half near (1, 0.5), standard deviation 0.1. */
    static double[][] twoClusters(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] data = new double[512][];
        for (int i = 0; i < data.length; i++) {
            double c = i % 2 == 0 ? -1 : 1;
            data[i] = new double[] {c + 0.1 * r.nextGaussian(), 0.5 * c + 0.1 * r.nextGaussian()};
        }
        return data;
    }

    static double[] sigmoidBetas(int t) {
        double[] b = new double[t];
        for (int i = 0; i < t; i++) {
            b[i] = 1e-3 + 0.3 / (1 + Math.exp(-(-6 + 12.0 * i / (t - 1))));
        }
        return b;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }
}
