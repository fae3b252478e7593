package edm.rand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.Check;

/**
 * Per-sample random streams: the noise of sample k at step t depends only on (seed, k, t).
 *
 * <p>Each (k, t) gets its own {@link SampleRng} seeded by
 * {@code mix64(mix64(mix64(seed) + k) + GAMMA * (t + 1))}, where {@code mix64} is the SplitMix64
 * finalizer (a bijection) and GAMMA the golden-ratio increment. For a fixed seed, distinct k give
 * distinct inner keys (mix64 is one-to-one), and the outer mixing decorrelates neighbouring k and
 * t. Consequently a batch of 8 samples, two batches of 4, or the same samples in reversed order
 * receive bit-identical rows, and a run with the same seed repeats exactly on any CPU.
 *
 * <p>Typical use in a sampler: {@code stream.normal(manager, firstIndex, batch, shape, step)} once
 * per step that needs fresh noise; use {@link #fork(long)} for a second, independent purpose
 * (for example the initial x_0 versus the churn noise of EDM Algorithm 2).
 */
public final class NoiseStream implements NoiseSource {
    private final long seed;

    /** A stream family for the given base seed. */
    public NoiseStream(long seed) {
        this.seed = seed;
    }

    /** The base seed. */
    public long seed() {
        return seed;
    }

    /** An independent family for another purpose: seed' = mix64(seed ^ mix64(tag + GAMMA)). */
    public NoiseStream fork(long tag) {
        return new NoiseStream(SampleRng.mix64(seed ^ SampleRng.mix64(tag + SampleRng.GAMMA)));
    }

    /** The generator of sample {@code k} at step {@code step} (fresh, positioned at its start). */
    public SampleRng rng(long k, long step) {
        long key = SampleRng.mix64(SampleRng.mix64(seed) + k);
        return new SampleRng(SampleRng.mix64(key + SampleRng.GAMMA * (step + 1)));
    }

    /** {@code count} standard normals of sample {@code k} at step {@code step}. */
    public double[] normals(long k, long step, int count) {
        Check.atLeast("count", count, 0);
        double[] out = new double[count];
        rng(k, step).fillGaussian(out, 0, count);
        return out;
    }

    /**
     * A float64 array of shape (indices.length, trailing...) whose row i holds the normals of
     * sample {@code indices[i]} at {@code step}, in row-major order of the trailing shape.
     */
    @Override
    public NDArray normal(NDManager manager, long[] indices, Shape trailing, long step) {
        int d = perSample(manager, indices, trailing);
        double[] values = new double[d * indices.length];
        for (int i = 0; i < indices.length; i++) {
            rng(indices[i], step).fillGaussian(values, i * d, d);
        }
        return manager.create(values, new Shape(indices.length).addAll(trailing));
    }

    /**
     * Uniform numbers on [0, 1), laid out as {@link #normal(NDManager, long[], Shape, long)}. They
     * come from the same generator as the normals of that (sample, step), so a caller must not draw
     * both at one step.
     */
    @Override
    public NDArray uniform(NDManager manager, long[] indices, Shape trailing, long step) {
        int d = perSample(manager, indices, trailing);
        double[] values = new double[d * indices.length];
        for (int i = 0; i < indices.length; i++) {
            SampleRng rng = rng(indices[i], step);
            for (int j = 0; j < d; j++) {
                values[i * d + j] = rng.nextDouble();
            }
        }
        return manager.create(values, new Shape(indices.length).addAll(trailing));
    }

    private static int perSample(NDManager manager, long[] indices, Shape trailing) {
        Check.notNull("manager", manager);
        Check.notNull("indices", indices);
        Check.notNull("trailing", trailing);
        long per = trailing.size();
        if (per < 0 || per * (long) indices.length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trailing must have a known size with indices.length"
                    + " * trailing.size() <= " + Integer.MAX_VALUE + ", got trailing = " + trailing
                    + ", indices.length = " + indices.length);
        }
        return (int) per;
    }

    /** As {@link #normal(NDManager, long[], Shape, long)} for samples first .. first+batch-1. */
    public NDArray normal(NDManager manager, long first, int batch, Shape trailing, long step) {
        Check.atLeast("batch", batch, 0);
        long[] indices = new long[batch];
        for (int i = 0; i < batch; i++) {
            indices[i] = first + i;
        }
        return normal(manager, indices, trailing, step);
    }
}
