package edm.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.rand.NoiseStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One sampling run: which samples (their global indices, which pick their noise), their shape,
 * the noise stream, and who watches the steps (a callback, an optional trajectory record).
 *
 * <p>Noise is drawn per sample through {@link NoiseStream}: the initial noise uses stream step
 * {@link #INITIAL}, and a sampler's step i uses stream steps derived from i, so sample k's noise
 * never depends on which other samples share its batch.
 */
public final class SampleRun {
    /** Stream step of the initial noise. */
    public static final long INITIAL = -1;

    /** Called after every step with the step index, the noise level reached and the state. */
    @FunctionalInterface
    public interface StepListener {
        void onStep(int step, double sigma, NDArray x);
    }

    private final NDManager manager;
    private final NoiseStream noise;
    private final long[] ids;
    private final Shape shape;
    private final StepListener listener;
    private final boolean record;
    private final List<NDArray> trajectory = new ArrayList<>();
    private final List<Double> trajectorySigmas = new ArrayList<>();

    private SampleRun(Builder b) {
        this.manager = Check.notNull("manager", b.manager);
        this.noise = new NoiseStream(b.seed);
        this.ids = Check.notNull("ids", b.ids).clone();
        Check.atLeast("ids.length", ids.length, 1);
        this.shape = Check.notNull("shape", b.shape);
        this.listener = b.listener;
        this.record = b.record;
    }

    /** A run of samples {@code 0 .. count-1} of the given per-sample shape. */
    public static Builder of(NDManager manager, int count, Shape shape) {
        Check.atLeast("count", count, 1);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = i;
        return new Builder(manager, ids, shape);
    }

    /** A run of the samples with the given global indices (e.g. one batch of a larger set). */
    public static Builder of(NDManager manager, long[] ids, Shape shape) {
        return new Builder(manager, ids, shape);
    }

    /** The manager the samples are attached to. */
    public NDManager manager() {
        return manager;
    }

    /** The per-sample shape (without the batch axis). */
    public Shape shape() {
        return shape;
    }

    /** The batch size. */
    public int size() {
        return ids.length;
    }

    /** The global sample indices. */
    public long[] ids() {
        return ids.clone();
    }

    /** Standard normal noise for every sample at a stream step, float64, shape (B, shape...). */
    public NDArray normal(long streamStep) {
        return noise.normal(manager, ids, shape, streamStep);
    }

    /** Standard normal noise for every sample at a stream step, created in {@code m}. */
    public NDArray normal(NDManager m, long streamStep) {
        return noise.normal(m, ids, shape, streamStep);
    }

    /**
     * Uniform noise on [0, 1) for every sample at a stream step, float64, shape (B, shape...). It
     * uses the same per-sample generator as {@link #normal(long)} at that step, so a sampler must not
     * draw both at one stream step.
     */
    public NDArray uniform(long streamStep) {
        long per = shape.size();
        int d = (int) per;
        double[] values = new double[d * ids.length];
        for (int i = 0; i < ids.length; i++) {
            var rng = noise.rng(ids[i], streamStep);
            for (int j = 0; j < d; j++) {
                values[i * d + j] = rng.nextDouble();
            }
        }
        return manager.create(values, new Shape(ids.length).addAll(shape));
    }

    /** The initial state: standard normal noise times {@code scale} (sigma_0 s_0 for the ODE). */
    public NDArray initial(double scale) {
        NDArray x = normal(INITIAL).muli(scale);
        return x.toType(DataType.FLOAT64, false);
    }

    /**
     * Runs one step with its temporaries freed: {@code f} maps the state to the next state; every
     * array it creates from {@code x} lives in a sub-manager closed after the step, and the result
     * is attached to the run's manager. The old state is freed.
     */
    public NDArray step(NDArray x, UnaryOperator<NDArray> f) {
        try (NDManager sub = manager.newSubManager()) {
            x.attach(sub);
            NDArray next = f.apply(x);
            next.attach(manager);
            return next;
        }
    }

    /**
     * To be called by samplers after every step: stops with {@link SamplingDivergedException} on a
     * NaN or Inf, records the trajectory if asked, and tells the listener.
     */
    public void afterStep(String sampler, int step, double sigma, NDArray x) {
        boolean bad = x.isNaN().logicalOr(x.isInfinite()).any().getBoolean(); // one host sync per step
        if (bad) throw new SamplingDivergedException(sampler, step, sigma);
        if (record) {
            NDArray copy = x.duplicate();
            copy.attach(manager);
            trajectory.add(copy);
            trajectorySigmas.add(sigma);
        }
        if (listener != null) listener.onStep(step, sigma, x);
    }

    /** The recorded states after each step (empty unless {@link Builder#recordTrajectory()}). */
    public List<NDArray> trajectory() {
        return Collections.unmodifiableList(trajectory);
    }

    /** The noise level of each recorded state. */
    public List<Double> trajectorySigmas() {
        return Collections.unmodifiableList(trajectorySigmas);
    }

    /** Builder with the defaults: seed 0, no listener, no trajectory. */
    public static final class Builder {
        private final NDManager manager;
        private final long[] ids;
        private final Shape shape;
        private long seed;
        private StepListener listener;
        private boolean record;

        private Builder(NDManager manager, long[] ids, Shape shape) {
            this.manager = manager;
            this.ids = ids;
            this.shape = shape;
        }

        /** The base seed of the per-sample noise streams. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A callback after every step (progress bars, diagnostics). */
        public Builder listener(StepListener listener) {
            this.listener = listener;
            return this;
        }

        /** Keep a copy of the state after every step. */
        public Builder recordTrajectory() {
            this.record = true;
            return this;
        }

        public SampleRun build() {
            return new SampleRun(this);
        }
    }
}
