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
 * functions of (seed or source, k, step) alone); the step sequence; and the sampler's own arithmetic,
 * which is elementwise per sample. So sample k is bit for bit the same in any batch whenever D is
 * batch-independent, which the exact denoisers in float64 are to the last bit in practice (their
 * products of a batch row with the data are computed row by row alike; measured identical for batch
 * 8 against 64). What does depend on the batch: a network's float32 arithmetic. Matrix products
 * block and vectorize the batch axis differently for different batch sizes (GEMM blocking), so the
 * same input row gives outputs that differ in the last bits (measured on a float32 network: 35 of 64
 * rows differ by up to 2.7e-4 between batch 8 and batch 64), and a sampler amplifies such
 * differences along its path. Results with a trained float32 network are therefore reproducible for
 * a fixed batch size and machine, not across batch sizes; distribution metrics are unaffected.
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
