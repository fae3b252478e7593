package edm.process;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DiscreteDdpmTest {
    @Test
    void publishedSchedule() {
        DiscreteDdpm d = new DiscreteDdpm();
        assertEquals(1000, d.T());
        assertEquals(1e-4, d.beta(1), 1e-18);
        assertEquals(0.02, d.beta(1000), 1e-17);
        assertEquals(1.0, d.alphaBar(0));
        assertEquals((1 - 1e-4) * (1 - d.beta(2)), d.alphaBar(2), 1e-16);
        int t = 400;
        double ab = d.alphaBar(t);
        assertEquals(Math.sqrt(ab), d.s(t), 1e-15);
        assertEquals(Math.sqrt((1 - ab) / ab), d.sigma(t), 1e-12);
        assertEquals(t, d.nearestStep(d.sigma(t)));
    }

    /**
     * The posterior q(x_{t-1} | x_t, x_0) must reproduce the marginal of x_{t-1}: with
     * x_t = sqrt(ab_t) x0 + sqrt(1 - ab_t) e, the mean coefficient of x0 is
     * A + B sqrt(ab_t) = sqrt(ab_{t-1}), and the total variance B^2 (1 - ab_t) + beta_tilde = 1 - ab_{t-1}.
     */
    @Test
    void posteriorReproducesMarginal() {
        DiscreteDdpm d = new DiscreteDdpm();
        for (int t = 2; t <= 1000; t += 37) {
            double a = d.posteriorMeanX0(t);
            double b = d.posteriorMeanXt(t);
            assertEquals(Math.sqrt(d.alphaBar(t - 1)), a + b * Math.sqrt(d.alphaBar(t)), 1e-12);
            assertEquals(1 - d.alphaBar(t - 1), b * b * (1 - d.alphaBar(t)) + d.posteriorVariance(t), 1e-12);
        }
        double[] mu = d.posteriorMean(new double[] {1}, new double[] {2}, 10);
        assertEquals(d.posteriorMeanX0(10) + 2 * d.posteriorMeanXt(10), mu[0], 1e-15);
    }

    /** ln alpha_bar of the discrete chain with T steps, compared with continuous VP at t = n/T. */
    static double maxLogError(int steps, double[] firstOrder) {
        double bmin = 0.1;
        double bmax = 20;
        DiscreteDdpm d = new DiscreteDdpm(steps, bmin / steps, bmax / steps);
        NoiseProcess vp = NoiseProcess.vp(bmax - bmin, bmin);
        double worst = 0;
        for (int k = 1; k <= 10; k++) {
            int n = k * steps / 10;
            double t = (double) n / steps;
            double cont = -Math.log1p(Math.pow(vp.sigma(t), 2)); // ln alpha_bar(t) = -B(t)
            double diff = Math.log(d.alphaBar(n)) - cont;
            // Leading O(1/T) term, derived in the class comment below.
            double c1 = -(bmax - bmin) * (t * t - t) / 2
                    - (Math.pow(bmin + (bmax - bmin) * t, 3) - Math.pow(bmin, 3)) / (6 * (bmax - bmin));
            firstOrder[k - 1] = Math.abs(diff * steps - c1);
            worst = Math.max(worst, Math.abs(diff));
        }
        return worst;
    }

    /**
     * Continuous VP is the T -> infinity limit of DDPM with beta_i = (beta_min + (i-1)/(T-1) beta_d)/T.
     *
     * <p>Derivation: ln alpha_bar_n = sum_{i<=n} ln(1 - beta_i) = -sum beta_i - sum beta_i^2/2 - O(T^-2).
     * The first sum is exact: with t = n/T, sum beta_i = beta_min t + beta_d t^2/2 + beta_d (t^2 - t)/(2(T-1)),
     * i.e. B(t) plus an O(1/T) term. The second is a Riemann sum: (1/(2T)) int_0^t beta^2 + O(T^-2).
     * Hence T (ln alpha_bar_n - ln alpha_bar(t)) = c1(t) + O(1/T) with
     * c1(t) = -beta_d (t^2 - t)/2 - ((beta_min + beta_d t)^3 - beta_min^3)/(6 beta_d).
     * |c1| <= 67 on [0, 1] (the beta^2 term at t = 1), so at T = 1000 ln alpha_bar differs by up to
     * 0.067: the published discrete schedule is close to, not equal to, continuous VP. We assert the
     * error is O(1/T) with exactly this leading coefficient, and that sigma follows to first order:
     * d ln sigma = -d ln alpha_bar / (2 (1 - alpha_bar)).
     */
    @Test
    void continuousVpIsTheLimit() {
        double[] r1 = new double[10];
        double[] r2 = new double[10];
        double e1 = maxLogError(1000, r1);
        double e2 = maxLogError(4000, r2);
        assertTrue(e1 < 0.07, "error at T = 1000 " + e1);
        assertEquals(4, e1 / e2, 0.1, "O(1/T): quadrupling T divides the error by 4");
        for (int k = 0; k < 10; k++) {
            // The remainder after the leading term is O(1/T): it shrinks ~4x from T = 1000 to 4000.
            assertTrue(r1[k] < 1.5 && r2[k] < r1[k] / 3, "remainder " + r1[k] + " " + r2[k]);
        }
        // sigma at t = 0.5, T = 1000: relative error within the first-order prediction (+10% for O(T^-2)).
        DiscreteDdpm d = new DiscreteDdpm();
        NoiseProcess vp = NoiseProcess.vp(19.9, 0.1);
        double ab = d.alphaBar(500);
        double dLogAb = Math.log(ab) + Math.log1p(Math.pow(vp.sigma(0.5), 2));
        double predicted = Math.abs(dLogAb) / (2 * (1 - ab));
        double rel = Math.abs(Math.log(d.sigma(500) / vp.sigma(0.5)));
        assertEquals(predicted, rel, 0.1 * predicted);
    }

    @Test
    void badParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpm(1000, 1.5, 0.02));
        assertTrue(e.getMessage().startsWith("betaStart"));
        e = assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpm(1, 1e-4, 0.02));
        assertTrue(e.getMessage().startsWith("T"));
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteDdpm.ofBetas(new double[] {0.1, 0}));
        assertTrue(e.getMessage().startsWith("betas[1]"));
        e = assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpm().alphaBar(1001));
        assertTrue(e.getMessage().startsWith("t"));
    }
}
