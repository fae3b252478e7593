package edm.loss;

import static org.junit.jupiter.api.Assertions.*;

import edm.precond.Prediction;
import edm.process.DiscreteDdpm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DDPM's mu-prediction (Table 2) as one more Prediction: the map, and the bound and MSE weights. */
class DdpmMuTest {
    static final DiscreteDdpm CHAIN = new DiscreteDdpm();
    static final int[] STEPS = {1, 2, 10, 100, 500, 999, 1000};

    static double[] gaussian(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return v;
    }

    @Test
    void thePosteriorMeanOfX0MapsBackToX0() {
        // x_t = s_t x_0 + sqrt(1 - abar_t) eps, x = x_t/s_t; the exact mu~_t(x_0, x_t) must give D = x_0.
        Prediction mu = Prediction.ddpmMu(CHAIN);
        SplittableRandom r = new SplittableRandom(1);
        for (int t : STEPS) {
            double[] x0 = gaussian(r, 16, 0.5);
            double[] eps = gaussian(r, 16, 1);
            double[] xt = new double[16];
            double[] x = new double[16];
            for (int j = 0; j < 16; j++) {
                xt[j] = CHAIN.s(t) * x0[j] + Math.sqrt(1 - CHAIN.alphaBar(t)) * eps[j];
                x[j] = xt[j] / CHAIN.s(t);
            }
            assertArrayEquals(x0, mu.toDenoised(x, CHAIN.posteriorMean(x0, xt, t), CHAIN.sigma(t)), 1e-9, "t = " + t);
        }
    }

    @Test
    void effectiveWeightsAreTheBoundsAndOne() {
        DenoisingLoss bound = DenoisingLoss.ddpmMuTrueBound(CHAIN);
        DenoisingLoss mse = DenoisingLoss.ddpmMuMse(CHAIN);
        DenoisingLoss epsBound = DenoisingLoss.ddpmTrueBound(CHAIN);
        for (int t = 1; t <= CHAIN.T(); t++) {
            double s = CHAIN.sigma(t);
            assertEquals(1 / (2 * CHAIN.beta(t)), bound.effectiveWeight(s), 1e-9 / CHAIN.beta(t), "t = " + t);
            assertEquals(1, mse.effectiveWeight(s), 1e-12, "t = " + t);
            assertEquals(epsBound.lambda().lambda(s), bound.lambda().lambda(s), 1e-12 * epsBound.lambda().lambda(s));
        }
    }

    @Test
    void muAndEpsModelsOfTheSameEstimateScoreTheSameBoundTerm() {
        // A network estimate x0_hat gives mu_theta = mu~(x0_hat, x_t) and eps_theta = (x_t - s x0_hat)/sqrt(1 - abar).
        // Both losses must equal the KL term mean_j (mu~(x_0) - mu_theta)_j^2/(2 beta_t) computed from the chain.
        DenoisingLoss muLoss = DenoisingLoss.ddpmMuTrueBound(CHAIN);
        DenoisingLoss epsLoss = DenoisingLoss.ddpmTrueBound(CHAIN);
        SplittableRandom r = new SplittableRandom(2);
        for (int t : STEPS) {
            double s = CHAIN.sigma(t);
            double[] y = gaussian(r, 8, 0.5);
            double[] n = gaussian(r, 8, s);
            double[] x0hat = gaussian(r, 8, 0.5);
            double[] xt = new double[8];
            double[] epsHat = new double[8];
            for (int j = 0; j < 8; j++) {
                xt[j] = CHAIN.s(t) * (y[j] + n[j]);
                epsHat[j] = (xt[j] - CHAIN.s(t) * x0hat[j]) / Math.sqrt(1 - CHAIN.alphaBar(t));
            }
            double[] muHat = CHAIN.posteriorMean(x0hat, xt, t);
            double[] muTrue = CHAIN.posteriorMean(y, xt, t);
            double kl = 0;
            for (int j = 0; j < 8; j++) {
                kl += (muTrue[j] - muHat[j]) * (muTrue[j] - muHat[j]) / (2 * CHAIN.beta(t)) / 8;
            }
            assertEquals(kl, muLoss.lossF(y, n, s, muHat), 1e-9 * kl, "mu, t = " + t);
            assertEquals(kl, epsLoss.lossF(y, n, s, epsHat), 1e-9 * kl, "eps, t = " + t);
        }
    }

    @Test
    void nearestStepIsTheLinearScansAnswer() {
        SplittableRandom r = new SplittableRandom(3);
        DiscreteDdpm small = new DiscreteDdpm(20, 1e-3, 0.3);
        for (int k = 0; k < 2000; k++) {
            double sigma = k <= 20 ? (k == 0 ? 0 : small.sigma(k))              // the levels themselves
                    : k < 40 ? 0.5 * (small.sigma(k - 20) + small.sigma(k - 19)) // midpoints: ties
                    : r.nextDouble() * 4;
            int best = 1;
            for (int t = 2; t <= small.T(); t++) {
                if (Math.abs(small.sigma(t) - sigma) < Math.abs(small.sigma(best) - sigma)) {
                    best = t;
                }
            }
            assertEquals(best, small.nearestStep(sigma), "sigma = " + sigma);
        }
    }
}
