package edm.precond;

import static org.junit.jupiter.api.Assertions.*;

import edm.process.DiscreteDdpm;
import edm.process.IddpmSigmas;
import edm.process.NoiseSchedule;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PredictionTest {
    static final double[] SIGMAS = {0.002, 0.1, 0.5, 1, 3.7, 80};

    static double[] gaussian(SplittableRandom rng, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = std * rng.nextGaussian();
        }
        return v;
    }

    @Test
    void roundTrips() {
        SplittableRandom rng = new SplittableRandom(1);
        for (Prediction p : List.of(Prediction.EPS, Prediction.X0, Prediction.SCORE, Prediction.V,
                Prediction.FLOW, Prediction.edm(0.5))) {
            for (double sigma : SIGMAS) {
                double[] x = gaussian(rng, 8, 1 + sigma);
                double[] pred = gaussian(rng, 8, 1);
                double[] back = p.fromDenoised(x, p.toDenoised(x, pred, sigma), sigma);
                for (int i = 0; i < 8; i++) {
                    // 1e-12 relative, plus the unavoidable cancellation: D is rounded to ulp(|a x| + |b pred|),
                    // and dividing by b amplifies that (score at sigma = 0.002 has b = 4e-6).
                    double b = Math.abs(p.b(sigma));
                    double rounding = 4 * Math.ulp(Math.abs(p.a(sigma) * x[i]) + b * Math.abs(pred[i])) / b;
                    assertEquals(pred[i], back[i], 1e-12 * Math.max(1, Math.abs(pred[i])) + rounding,
                            p.name() + " " + sigma);
                }
            }
        }
    }

    /** Each target computed from its own definition, from known x0 and eps, must map to D = x0. */
    @Test
    void exactTargetsGiveCleanData() {
        SplittableRandom rng = new SplittableRandom(2);
        for (double sigma : SIGMAS) {
            double[] x0 = gaussian(rng, 5, 1);
            double[] eps = gaussian(rng, 5, 1);
            double[] x = new double[5];
            double[] score = new double[5];
            double[] v = new double[5];
            double[] flow = new double[5];
            double alpha = 1 / Math.sqrt(1 + sigma * sigma);
            double sigmaVp = sigma * alpha;
            for (int i = 0; i < 5; i++) {
                x[i] = x0[i] + sigma * eps[i];
                score[i] = -(x[i] - x0[i]) / (sigma * sigma); // score of N(x0, sigma^2) at x
                v[i] = alpha * eps[i] - sigmaVp * x0[i];
                flow[i] = eps[i] - x0[i];
            }
            double tol = 1e-12 * (1 + sigma);
            assertArrayEquals(x0, Prediction.EPS.toDenoised(x, eps, sigma), tol);
            assertArrayEquals(x0, Prediction.X0.toDenoised(x, x0, sigma), tol);
            assertArrayEquals(x0, Prediction.SCORE.toDenoised(x, score, sigma), tol);
            assertArrayEquals(x0, Prediction.V.toDenoised(x, v, sigma), tol);
            assertArrayEquals(x0, Prediction.FLOW.toDenoised(x, flow, sigma), tol);
            // The flow model sees x_t = (1 - t) x0 + t eps with t = sigma/(1 + sigma): c_in x.
            double t = sigma / (1 + sigma);
            double cIn = Preconditioning.flow().cIn(sigma);
            for (int i = 0; i < 5; i++) {
                assertEquals((1 - t) * x0[i] + t * eps[i], cIn * x[i], 1e-12 * (1 + sigma));
            }
        }
    }

    @Test
    void v_isMinusEdmFWithUnitDataVariance() {
        Prediction edm1 = Prediction.edm(1);
        for (double sigma : SIGMAS) {
            assertEquals(edm1.a(sigma), Prediction.V.a(sigma), 1e-15);
            assertEquals(-edm1.b(sigma), Prediction.V.b(sigma), 1e-15);
        }
    }

    @Test
    void table1Coefficients() {
        double s = 2.5;
        Preconditioning vp = Preconditioning.vp();
        assertEquals(1, vp.cSkip(s));
        assertEquals(-s, vp.cOut(s));
        assertEquals(1 / Math.sqrt(s * s + 1), vp.cIn(s));
        assertEquals(999 * NoiseSchedule.vp().sigmaInv(s), vp.cNoise(s), 1e-12);
        Preconditioning ve = Preconditioning.ve();
        assertEquals(1, ve.cSkip(s));
        assertEquals(s, ve.cOut(s));
        assertEquals(1, ve.cIn(s));
        assertEquals(Math.log(s / 2), ve.cNoise(s), 1e-15);
        IddpmSigmas u = new IddpmSigmas();
        Preconditioning id = Preconditioning.iddpm(u);
        assertEquals(-s, id.cOut(s));
        assertEquals(999 - 8, id.cNoise(u.u(8)));
        assertEquals(999 - u.index(s), id.cNoise(s));
        Preconditioning edm = Preconditioning.edm();
        assertEquals(0.25 / (s * s + 0.25), edm.cSkip(s), 1e-15);
        assertEquals(s * 0.5 / Math.sqrt(s * s + 0.25), edm.cOut(s), 1e-15);
        assertEquals(1 / Math.sqrt(s * s + 0.25), edm.cIn(s), 1e-15);
        assertEquals(Math.log(s) / 4, edm.cNoise(s), 1e-15);
        DiscreteDdpm chain = new DiscreteDdpm();
        assertEquals(99, Preconditioning.ddpm(chain).cNoise(chain.sigma(100)));
        assertEquals(chain.s(100), Preconditioning.ddpm(chain).cIn(chain.sigma(100)), 1e-12);
    }

    @Test
    void denoiseAppliesTheForm() {
        Preconditioning edm = Preconditioning.edm();
        double sigma = 1.3;
        double[] x = {0.4, -1.1};
        double[] d = edm.denoise(x, sigma, (in, c) -> {
            assertEquals(Math.log(sigma) / 4, c, 1e-15);
            return new double[] {in[0] * 2, c};
        });
        double cin = edm.cIn(sigma);
        assertEquals(edm.cSkip(sigma) * x[0] + edm.cOut(sigma) * 2 * cin * x[0], d[0], 1e-15);
        assertEquals(edm.cSkip(sigma) * x[1] + edm.cOut(sigma) * edm.cNoise(sigma), d[1], 1e-15);
    }

    /**
     * EDM chooses c_skip to minimize the target's variance (1 - c)^2 sd^2 + c^2 sigma^2 (REFERENCE errata:
     * a plus), whose derivative 2 sd^2 (c - 1) + 2 c sigma^2 vanishes at c = sd^2/(sigma^2 + sd^2).
     * A golden-section search over c must land on EDM's c_skip.
     */
    @Test
    void cSkipMinimizesTargetVariance() {
        double sd = 0.5;
        for (double sigma : SIGMAS) {
            double lo = -1;
            double hi = 2;
            double g = (Math.sqrt(5) - 1) / 2;
            for (int k = 0; k < 200; k++) {
                double a = hi - g * (hi - lo);
                double b = lo + g * (hi - lo);
                if (variance(a, sd, sigma) < variance(b, sd, sigma)) {
                    hi = b;
                } else {
                    lo = a;
                }
            }
            double cStar = 0.5 * (lo + hi);
            assertEquals(Preconditioning.edm(sd).cSkip(sigma), cStar, 1e-7, "sigma " + sigma);
            // With that c_skip, c_out^2 equals the minimal variance (so the F target has unit variance).
            double cOut = Preconditioning.edm(sd).cOut(sigma);
            assertEquals(cOut * cOut, variance(Preconditioning.edm(sd).cSkip(sigma), sd, sigma), 1e-12);
        }
    }

    static double variance(double c, double sd, double sigma) {
        return (1 - c) * (1 - c) * sd * sd + c * c * sigma * sigma;
    }

    @Test
    void badParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> Preconditioning.edm(0));
        assertTrue(e.getMessage().startsWith("sigmaData"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Prediction.EPS.toDenoised(new double[2], new double[3], 1));
        assertTrue(e.getMessage().startsWith("pred.length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Prediction.EPS.fromDenoised(new double[2], new double[2], 0));
        assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Preconditioning.vp(null, 1000));
        assertTrue(e.getMessage().startsWith("vpSchedule"), e.getMessage());
    }
}
