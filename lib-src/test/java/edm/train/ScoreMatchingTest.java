package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.nn.Init;
import edm.nn.Mlp;
import edm.rand.NoiseStream;
import org.junit.jupiter.api.Test;

class ScoreMatchingTest {
    static final double C = 0.7; // data N(0, C^2 I) in 2D: grad log p = -x/C^2, E ||grad log p||^2 = 2/C^2

    static Mlp net(long seed, NDManager m) {
        return Init.seeded(new Mlp(Mlp.Config.of(new Shape(2)).withSize(32, 2)), m, seed);
    }

    static NDArray gaussian(NDManager m, int n, double sd, long seed) {
        return new NoiseStream(seed).normal(m, 0, n, new Shape(2), 0).mul(sd);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Standard error of the mean of a - b. */
    static double se(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        double mu = mean(d);
        double v = 0;
        for (double x : d) {
            v += (x - mu) * (x - mu);
        }
        return Math.sqrt(v / (d.length - 1) / d.length);
    }

    @Test
    void exactAndFiniteDifferenceDivergenceAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            Mlp f = net(3, m);
            NDArray x = gaussian(m, 64, 1, 5);
            double[] exact = ScoreMatching.divergence(f, x).toDoubleArray();
            double[] fd = ScoreMatching.divergenceFd(f, x, 1e-2).toDoubleArray();
            for (int i = 0; i < exact.length; i++) {
                assertEquals(exact[i], fd[i], 2e-3 * (1 + Math.abs(exact[i])), "sample " + i);
            }
        }
    }

    @Test
    void ismEqualsEsmMinusHalfFisherInformation() {
        // Per sample, ism - esm = div s + s.g - |g|^2/2, whose mean is -|g|^2/2 = -1/C^2 in expectation;
        // 20000 samples, tolerance 5 standard errors of the per-sample difference.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = gaussian(m, 20000, C, 7);
            NDArray g = x.div(-C * C);
            for (long seed : new long[] {1, 2}) {
                Mlp f = net(seed, m);
                double[] ism = ScoreMatching.ismTerms(f, x);
                double[] esm = ScoreMatching.esmTerms(f, x, g);
                double diff = mean(ism) - mean(esm);
                assertEquals(-1 / (C * C), diff, 5 * se(ism, esm) + 1e-3, "seed " + seed);
            }
        }
    }

    @Test
    void dsmEqualsEsmOnTheNoisedDensityPlusAConstant() {
        // p_sigma = N(0, (C^2 + sigma^2) I); DSM - ESM_sigma = d/(2 sigma^2) - d/(2 (C^2 + sigma^2)).
        double sigma = 0.3;
        double v = C * C + sigma * sigma;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = gaussian(m, 20000, C, 11);
            NDArray eps = gaussian(m, 20000, 1, 12);
            NDArray xt = x.add(eps.mul(sigma));
            NDArray g = xt.div(-v);
            for (long seed : new long[] {1, 2}) {
                Mlp f = net(seed, m);
                double[] dsm = ScoreMatching.dsmTerms(f, x, eps, sigma);
                double[] esm = ScoreMatching.esmTerms(f, xt, g);
                double expected = 1 / (sigma * sigma) - 1 / v;
                assertEquals(expected, mean(dsm) - mean(esm), 5 * se(dsm, esm), "seed " + seed);
            }
        }
    }

    @Test
    void eachObjectiveLearnsTheScoreOfAGaussian() {
        // 200 steps of batch 128, lr 1e-2: ESM error (to the true score of p, or of p_sigma for DSM)
        // falls below a fifth of its value at initialization.
        double sigma = 0.3;
        for (ScoreMatching.Objective o : ScoreMatching.Objective.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray data = gaussian(m, 4096, C, 21);
                double v = o == ScoreMatching.Objective.DSM ? C * C + sigma * sigma : C * C;
                NDArray test = gaussian(m, 2000, Math.sqrt(v), 22);
                NDArray g = test.div(-v);
                Mlp f = net(4, m);
                double before = mean(ScoreMatching.esmTerms(f, test, g));
                var cfg = ScoreMatching.Config.of(o, sigma).withBatchSize(128).withLr(1e-2);
                try (ScoreMatching sm = new ScoreMatching(f, cfg, data, x -> x.div(-C * C))) {
                    sm.run(200);
                    assertEquals(200, sm.history().rowCount());
                }
                double after = mean(ScoreMatching.esmTerms(f, test, g));
                System.out.printf("%s: ESM %.4f -> %.4f%n", o, before, after);
                assertTrue(after < before / 5, o + ": " + before + " -> " + after);
            }
        }
    }
}
