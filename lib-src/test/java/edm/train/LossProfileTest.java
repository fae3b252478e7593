package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.denoise.GaussianData;
import edm.loss.Weighting;
import edm.precond.Preconditioning;
import org.junit.jupiter.api.Test;

class LossProfileTest {
    @Test
    void exactDenoiserOfGaussianDataReachesTheClosedFormMinimum() {
        // y ~ N(mu, diag(c^2)): the exact D gives E (D - y)_j^2 = c_j^2 sigma^2/(c_j^2 + sigma^2) per coordinate.
        // 20,000 samples x 2 coordinates: the estimate of a mean of squared normals has relative standard
        // deviation sqrt(2/(2 * 20000)) = 0.007, so a 4% tolerance is > 5 standard deviations.
        double[] mu = {0.3, -0.2};
        double[] c = {0.5, 0.2};
        GaussianData g = new GaussianData(mu, c);
        double[] sigmas = {0.01, 0.2, 1, 10};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = g.sample(m, 20_000, 3);
            double[] l = LossProfile.of(g, y, sigmas, s -> 1.0, 5);
            for (int k = 0; k < sigmas.length; k++) {
                double s2 = sigmas[k] * sigmas[k];
                double expected = 0;
                for (double cj : c) {
                    expected += cj * cj * s2 / (cj * cj + s2) / c.length;
                }
                assertEquals(expected, l[k], 0.04 * expected, "sigma = " + sigmas[k]);
            }
        }
    }

    @Test
    void edmWeightedLossOfTheSkipOnlyDenoiserIsOne() {
        // D = c_skip x (F = 0) with lambda = 1/c_out^2 scores ((1 - c_skip)^2 E[y^2] + c_skip^2 sigma^2)/c_out^2,
        // exactly 1 when E[y^2] = sigma_d^2 = 0.25 (data N(0, 0.5^2)); tolerance as above.
        Preconditioning p = Preconditioning.edm();
        double[] sigmas = {0.002, 0.1, 0.5, 3, 80};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = GaussianData.isotropic(4, 0, 0.5).sample(m, 10_000, 7);
            double[] l = LossProfile.of((x, s) -> x.mul(p.cSkip(s)), y, sigmas, Weighting.edm(), 8);
            for (int k = 0; k < sigmas.length; k++) {
                assertEquals(1.0, l[k], 0.04, "sigma = " + sigmas[k]);
            }
        }
    }

    @Test
    void sameSeedSameNoise() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = GaussianData.isotropic(3, 0, 1).sample(m, 50, 1);
            double[] a = LossProfile.of((x, s) -> x.mul(0.5), y, new double[] {0.3, 2}, s -> 1.0, 11);
            double[] b = LossProfile.of((x, s) -> x.mul(0.5), y, new double[] {0.3, 2}, s -> 1.0, 11);
            assertArrayEquals(a, b);
        }
    }
}
