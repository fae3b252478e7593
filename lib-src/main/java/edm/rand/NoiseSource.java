package edm.rand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Where a sampler's random numbers come from (EDM's and k-diffusion's {@code randn_like}): the
 * draws of every sample of a batch at one stream step. {@link NoiseStream} is the default; a caller
 * supplies another to replay recorded noise, to share noise between two samplers, or to test.
 *
 * <p>Contract: row i must depend only on ({@code ids[i]}, {@code step}), never on the other ids or
 * on the batch size, and the same arguments must give the same values; then a sampler's results do
 * not depend on how the samples are batched (see {@code edm.sample.Sampler}).
 */
@FunctionalInterface
public interface NoiseSource {
    /**
     * Standard normal draws, float64, shape (ids.length, trailing...), row i for sample
     * {@code ids[i]} at stream step {@code step}, created in {@code manager}.
     */
    NDArray normal(NDManager manager, long[] ids, Shape trailing, long step);

    /**
     * Uniform draws on [0, 1), float64, same shape and rules as {@link #normal}. Unsupported by
     * default (only samplers that start from a uniform box, such as NCSN's Langevin dynamics, ask).
     *
     * @throws UnsupportedOperationException unless the source implements it
     */
    default NDArray uniform(NDManager manager, long[] ids, Shape trailing, long step) {
        throw new UnsupportedOperationException("this noise source gives normal draws only");
    }
}
