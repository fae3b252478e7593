package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.Denoiser;
import edm.process.DiscreteDdpm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bound's bookkeeping against closed forms: for a one-image data set and D = x_0 + c (a constant error c
 * per value), every term is deterministic, mu~(x_0, x_t) - mu~(x0_hat, x_t) = -A_t c with A_t the posterior
 * coefficient of x_0, so
 * L_{t-1} = d A_t^2 c^2 / (2 beta_t) + d/2 (r_t - 1 - ln r_t) and L_0 = -ln p(x_0 | mu~_1(x_0 + c, x_1), sqrt(beta_1)).
 */
class DdpmBoundTest {
    static final DiscreteDdpm CHAIN = new DiscreteDdpm(60, 1e-3, 0.2);
    static final DiscretizedGaussian DECODER = DiscretizedGaussian.ofLevels(17);
    static final double[] X0 = {DECODER.level(0), DECODER.level(3), DECODER.level(8), DECODER.level(16),
        DECODER.level(11), DECODER.level(5)};

    static Denoiser offsetBy(double c, NDManager m) {
        return (x, sigma) -> m.create(X0).add(c).reshape(1, X0.length).toType(x.getDataType(), false);
    }

    static double expectedMid(double c) {
        double sum = 0;
        int d = X0.length;
        for (int t = 2; t <= CHAIN.T(); t++) {
            double a = CHAIN.posteriorMeanX0(t);
            double r = CHAIN.posteriorVariance(t) / CHAIN.beta(t);
            sum += d * a * a * c * c / (2 * CHAIN.beta(t)) + 0.5 * d * (r - 1 - Math.log(r));
        }
        return sum;
    }

    @Test
    void oracleAndOffsetDenoisersGiveTheClosedForms() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (double c : new double[] {0, 0.05}) {
                var b = DdpmBound.of(offsetBy(c, m), CHAIN, DECODER, new double[][] {X0}, new Shape(X0.length), 1, 3, m);
                assertEquals(expectedMid(c), b.lMid(), 1e-9 * (1 + expectedMid(c)), "c = " + c);
                double[] mu1 = X0.clone();
                for (int j = 0; j < mu1.length; j++) mu1[j] += CHAIN.posteriorMeanX0(1) * c; // A_1 = 1, B_1 = 0
                assertEquals(-DECODER.logLikelihood(X0, mu1, Math.sqrt(CHAIN.beta(1))), b.l0(), 1e-9, "c = " + c);
                double ab = CHAIN.alphaBar(CHAIN.T());
                double lT = 0;
                for (double v : X0) lT += 0.5 * ((1 - ab) + ab * v * v - 1 - Math.log(1 - ab));
                assertEquals(lT, b.lT(), 1e-12);
                assertEquals(b.total() / (X0.length * Math.log(2)), b.bitsPerDim(), 1e-12);
            }
        }
    }

    @Test
    void stratifiedSumAveragedOverOffsetsIsTheFullSum() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int k : new int[] {2, 7}) {
                double mean = 0;
                for (int o = 1; o <= k; o++) {
                    mean += DdpmBound.of(offsetBy(0.05, m), CHAIN, DECODER, new double[][] {X0}, new Shape(X0.length),
                            k, o, new SplittableRandom(1), m).lMid() / k;
                }
                assertEquals(expectedMid(0.05), mean, 1e-9 * expectedMid(0.05), "stride " + k);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            Denoiser d = offsetBy(0, m);
            double[][] x = {X0};
            Shape s = new Shape(X0.length);
            var e = assertThrows(IllegalArgumentException.class, () -> DdpmBound.of(d, CHAIN, DECODER, x, s, 0, 1, m));
            assertTrue(e.getMessage().contains("stride") && e.getMessage().contains("60"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> DdpmBound.of(d, CHAIN, DECODER, x, s, 61, 1, m));
            e = assertThrows(IllegalArgumentException.class,
                    () -> DdpmBound.of(d, CHAIN, DECODER, new double[][] {{0.1, 0.2}}, s, 1, 1, m));
            assertTrue(e.getMessage().contains("sampleShape.size() = 6"), e.getMessage());
        }
    }

    /**
     * D(x; sigma) = x makes x0_hat = x_t / s_t = x_0 + sigma_t eps, so L_{t-1} = A_t^2 sigma_t^2 |eps|^2 / (2 beta_t)
     * + d/2 (r_t - 1 - ln r_t): mean d A_t^2 sigma_t^2 / (2 beta_t) + ..., variance 2 d (A_t^2 sigma_t^2 / (2 beta_t))^2
     * per image. Checks the noising x_t = s_t x_0 + sqrt(1 - abar_t) eps, the scaling by 1/s_t, the sigma_t passed
     * to D (recorded), and the mean over images, within 5 standard deviations of the Monte Carlo mean.
     */
    @Test
    void identityDenoiserMatchesItsExpectedBoundWithinMonteCarloError() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 200;
            SplittableRandom r = new SplittableRandom(5);
            double[][] x = new double[n][X0.length];
            for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] = DECODER.level(r.nextInt(17));
            java.util.List<Double> seen = new java.util.ArrayList<>();
            Denoiser identity = (xs, sigma) -> {
                seen.add(sigma);
                return xs.duplicate();
            };
            var b = DdpmBound.of(identity, CHAIN, DECODER, x, new Shape(X0.length), 1, 9, m);
            double mean = 0;
            double var = 0;
            int d = X0.length;
            for (int t = 2; t <= CHAIN.T(); t++) {
                double a = CHAIN.posteriorMeanX0(t);
                double k = a * a * CHAIN.sigma(t) * CHAIN.sigma(t) / (2 * CHAIN.beta(t));
                double rt = CHAIN.posteriorVariance(t) / CHAIN.beta(t);
                mean += d * k + 0.5 * d * (rt - 1 - Math.log(rt));
                var += 2 * d * k * k / n;
            }
            assertEquals(mean, b.lMid(), 5 * Math.sqrt(var), "sd " + Math.sqrt(var));
            assertEquals(CHAIN.T(), seen.size());
            for (int t = 1; t <= CHAIN.T(); t++) {
                assertEquals(CHAIN.sigma(t), seen.get(t - 1), 1e-15, "sigma passed at t = " + t);
            }
        }
    }
}
