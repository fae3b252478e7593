package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.denoise.GaussianData;
import edm.denoise.GaussianMixture;
import org.junit.jupiter.api.Test;

/** The PF-ODE log-likelihood against closed-form densities. */
class LikelihoodTest {
    static final GaussianData DATA = ConvergenceOrderTest.DATA;

    /**
     * Gaussian data N(mu, diag(c^2)), mu = (0.5, -1, 0): log p(x; 1e-4) by the ODE (sigma 1e-4 ..
     * 1000, rtol = atol = 1e-6) matches {@link GaussianData#logDensity} within 5e-3 nats; the prior
     * error |mu| |x(sigma_max)|/sigma_max^2 ~ 1e-3 dominates.
     */
    @Test
    void exactLikelihoodOfGaussianData() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = DATA.sample(m, 6, 4);
            Likelihood.Result r = Likelihood.exact().evaluate(DATA.counted(), x);
            double[] got = r.logDensity().toDoubleArray();
            double[] want = DATA.logDensity(x, 1e-4).toDoubleArray();
            System.out.printf("likelihood: %s NFE, got %.5f want %.5f%n", r.stats(), got[0], want[0]);
            assertArrayEquals(want, got, 5e-3);
        }
    }

    /** With diagonal J_D, eps^T J eps = tr J for every Rademacher eps: Hutchinson equals exact. */
    @Test
    void hutchinsonIsExactForDiagonalJacobian() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = DATA.sample(m, 4, 5);
            Divergence.Value exact = Divergence.exact().evaluate(DATA, x, 0.7);
            Divergence.Value hutch = Divergence.hutchinson(3, 1).evaluate(DATA, x, 0.7);
            double[] c = DATA.std();
            double want = 0;
            for (double cj : c) want += cj * cj / (cj * cj + 0.49);
            for (double t : exact.trace().toDoubleArray()) assertEquals(want, t, 1e-9);
            assertArrayEquals(exact.trace().toDoubleArray(), hutch.trace().toDoubleArray(), 1e-9);
        }
    }

    /**
     * Central differences on a mixture (a nonlinear D): h = 1e-3 sigma and h = 1e-4 sigma agree to
     * 1e-6 relative, the truncation error being O((h/sigma)^2); Hutchinson with 256 probes is within
     * 5 standard errors of the exact trace; the likelihood matches the mixture's log density.
     */
    @Test
    void mixtureTraceAndLikelihood() {
        GaussianMixture gm = GaussianMixture.eightGaussians(2, 0.5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = gm.sample(m, 4, 2);
            double sigma = 0.3;
            double[] a = Divergence.exact().evaluate(gm, x, sigma).trace().toDoubleArray();
            double[] b = new Divergence(0, 0, 1e-4).evaluate(gm, x, sigma).trace().toDoubleArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-6 * Math.abs(a[i]) + 1e-9);
            double[] h = Divergence.hutchinson(256, 3).evaluate(gm, x, sigma).trace().toDoubleArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], h[i], 5 * 2.0 / Math.sqrt(256));
            Likelihood.Result r = Likelihood.exact().evaluate(gm, x);
            assertArrayEquals(gm.logDensity(x, 1e-4).toDoubleArray(), r.logDensity().toDoubleArray(), 5e-3);
        }
    }

    @Test
    void badArguments() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Likelihood(1, 0.5, new DormandPrince(1e-6, 1e-6), Divergence.exact()));
        assertTrue(e.getMessage().startsWith("sigmaMin must be < sigmaMax"));
        assertThrows(IllegalArgumentException.class, () -> Divergence.hutchinson(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DormandPrince(0, 1e-6));
    }
}
