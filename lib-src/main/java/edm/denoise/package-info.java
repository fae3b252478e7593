/**
 * Denoisers D(x; sigma) in the normalized space x_hat = x_0 + sigma * eps (EDM, Karras et al. 2022).
 *
 * <p>{@link edm.denoise.Denoiser} is the only thing a sampler sees. The exact denoisers
 * ({@link edm.denoise.IdealDenoiser}, {@link edm.denoise.GaussianMixture},
 * {@link edm.denoise.GaussianData}) are the ground truth of the experiments: with them, every
 * error of a sampler is a discretization error, never a training error.
 */
package edm.denoise;
