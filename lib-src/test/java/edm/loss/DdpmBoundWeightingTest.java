package edm.loss;

import static org.junit.jupiter.api.Assertions.*;

import edm.process.DiscreteDdpm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DdpmBoundWeightingTest {
    private final DiscreteDdpm chain = new DiscreteDdpm();
    private final DdpmBoundWeighting w = new DdpmBoundWeighting(chain);

    /** lambda_t ||eps - eps_theta||^2 equals the Gaussian KL ||mu_tilde - mu_theta||^2/(2 beta_t) built from DiscreteDdpm. */
    @Test
    void epsWeightGivesTheKlOfThePosteriorMeans() {
        SplittableRandom r = new SplittableRandom(3);
        int d = 16;
        for (int t : new int[] {2, 10, 100, 500, 999, 1000}) {
            double[] x0 = new double[d], eps = new double[d], epsHat = new double[d];
            for (int i = 0; i < d; i++) {
                x0[i] = r.nextDouble(-1, 1);
                eps[i] = r.nextGaussian();
                epsHat[i] = eps[i] + 0.3 * r.nextGaussian();
            }
            double sa = Math.sqrt(chain.alphaBar(t)), sn = Math.sqrt(1 - chain.alphaBar(t));
            double[] xt = new double[d], x0Hat = new double[d];
            double epsSq = 0;
            for (int i = 0; i < d; i++) {
                xt[i] = sa * x0[i] + sn * eps[i];
                x0Hat[i] = (xt[i] - sn * epsHat[i]) / sa;
                epsSq += (eps[i] - epsHat[i]) * (eps[i] - epsHat[i]);
            }
            double[] muTrue = chain.posteriorMean(x0, xt, t);
            double[] muModel = chain.posteriorMean(x0Hat, xt, t);
            double kl = 0;
            for (int i = 0; i < d; i++) {
                kl += (muTrue[i] - muModel[i]) * (muTrue[i] - muModel[i]) / (2 * chain.beta(t));
            }
            assertEquals(kl, w.epsWeight(t) * epsSq, 1e-10 * kl, "t = " + t);
            // the same through the D-space weighting: ||D - y||^2 = sigma^2 ||eps - eps_hat||^2
            double s = chain.sigma(t);
            assertEquals(kl, w.lambda(s) * s * s * epsSq, 1e-9 * kl, "t = " + t);
        }
    }

    @Test
    void stepLookupInvertsSigmaAndWeightsGrowTowardSmallT() {
        for (int t = 1; t <= chain.T(); t++) {
            assertEquals(t, w.step(chain.sigma(t)));
        }
        assertEquals(1 / (2 * chain.alpha(1)), w.epsWeight(1), 1e-12);
        assertTrue(w.epsWeight(1) > 40 * w.epsWeight(1000));
        DenoisingLoss bound = DenoisingLoss.ddpmTrueBound(chain);
        assertEquals(w.epsWeight(300), bound.effectiveWeight(chain.sigma(300)), 1e-9);
        assertEquals(1.0, DenoisingLoss.lSimple(chain).effectiveWeight(chain.sigma(300)), 1e-12);
    }
}
