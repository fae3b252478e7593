package edm.denoise;

import ai.djl.ndarray.NDArray;

/**
 * A denoiser known in closed form together with the density it denoises: the data distribution
 * p_data convolved with N(0, sigma^2 I), p(x; sigma) = int p_data(y) N(x; y, sigma^2 I) dy.
 *
 * <p>For such a denoiser D(x; sigma) = E[y | y + n = x] exactly, and Tweedie's formula
 * (EDM eq. 3) score(x; sigma) = (D(x; sigma) - x) / sigma^2 holds without approximation.
 */
public interface ExactDenoiser extends Denoiser {

    /** Number of values per sample, d. */
    long dim();

    /**
     * log p(x; sigma) for each sample (natural log, density with respect to Lebesgue measure on
     * R^d), shape (B), float64.
     */
    NDArray logDensity(NDArray x, double sigma);
}
