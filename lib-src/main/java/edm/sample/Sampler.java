package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.denoise.Denoiser;

/**
 * A sampler: turns a denoiser D(x; sigma) into samples. It sees nothing of the model but D (and
 * {@link Denoiser#round(double)} for models with discrete noise levels); conversions from eps, v,
 * score or flow models happen in adapters before D reaches a sampler.
 *
 * <p>State is kept in float64. All randomness (the initial noise, and the fresh noise of
 * stochastic samplers) comes from the run: its latents, if given, and its per-sample
 * {@link edm.rand.NoiseSource} ({@link SampleRun}).
 *
 * <p><b>Batch contract.</b> What does not depend on the batch (its size, the other samples in it,
 * their order): every random number (sample k's initial draw and its fresh noise at every step are
 * functions of (seed or source, k, step) alone, bit for bit); the step sequence; and the sampler's
 * own arithmetic, which is elementwise per sample. So sample k is bit for bit the same in any batch
 * whenever D is. What depends on the batch is D's arithmetic: matrix products block and vectorize
 * the batch axis differently for different batch sizes (GEMM blocking), so the same input row can
 * give outputs that differ in the last bits. For the exact denoisers in float64 this is at the level
 * of float64 round-off (measured: 1.1e-16 after 10 stochastic steps on 8x8 digits, batch 8 against 1
 * and against reversed order; {@code LatentsAndNoiseTest}); for a network in float32 it is at the
 * level of float32 round-off (measured: 35 of 64 rows differ by up to 2.7e-4 between batch 8 and
 * batch 64), and a sampler carries such differences along its path. Results with a float32 network
 * are therefore reproducible for a fixed batch size and machine, not across batch sizes.
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
