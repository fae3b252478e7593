package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.denoise.Denoiser;

/**
 * A sampler: turns a denoiser D(x; sigma) into samples. It sees nothing of the model but D (and
 * {@link Denoiser#round(double)} for models with discrete noise levels); conversions from eps, v,
 * score or flow models happen in adapters before D reaches a sampler.
 *
 * <p>State is kept in float64. All randomness (the initial noise, and the fresh noise of
 * stochastic samplers) comes from the run's per-sample {@link edm.rand.NoiseStream}, so sample k
 * is the same whatever the batch size or order.
 */
public interface Sampler {
    /** A short label for tables, e.g. {@code "Heun/EDM steps/N=18"}. */
    String name();

    /**
     * Draws the run's samples: the initial noise at the sampler's first noise level, then its steps
     * down to sigma = 0.
     *
     * @return the samples, float64, shape (B, ...) of the run, attached to the run's manager
     * @throws SamplingDivergedException when a NaN or Inf appears in the state
     */
    NDArray sample(Denoiser denoiser, SampleRun run);
}
