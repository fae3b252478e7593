package edm.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.rand.NoiseSource;
import edm.rand.NoiseStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One sampling run: which samples (their global indices, which pick their noise), their shape,
 * the noise source, optional caller-supplied latents, and who watches the steps (a callback, an
 * optional trajectory record).
 *
 * <p><b>Noise.</b> Every random number of a sampler is drawn here, per sample, from the run's
 * {@link NoiseSource} (default: the per-sample {@link NoiseStream} of the seed): the initial noise at
 * stream step {@link #INITIAL}, a sampler's step i at stream steps derived from i. Row k depends only
 * on (source, id k, stream step), so sample k's noise never depends on which other samples share
 * its batch, its position in it, or the batch size. The denoiser's arithmetic may: see the batch
 * contract in {@link Sampler} (float64 exact denoisers: round-off level; float32 networks: GEMM
 * blocking changes the last bits of each row with the batch size).
 *
 * <p><b>Latents.</b> {@link Builder#latents(NDArray)} supplies the draws z of stream step
 * {@link #INITIAL} (EDM's and k-diffusion's {@code latents}): shape (B, shape...), row i for sample
 * {@code ids[i]}, standard normal for every sampler that starts from a Gaussian. A sampler then
 * starts from exactly the state it would have drawn had its noise source produced z:
 * <pre>
 *   x_0 = z * std_0,
 * </pre>
 * std_0 the sampler's initial standard deviation: sigma(t_0) s(t_0) for the ODE and stochastic
 * samplers, t_0 = sigma^-1(round(sigma_0)) after clamping to the model's range, as in EDM's
 * {@code latents * (sigma(t_0) * s(t_0))}; sigma_0 for DPM-Solver; 1 for DDPM and DDIM (x_T in VP
 * coordinates); s(t_0) sigma(t_0) for the reverse SDE; the prior's std for annealed Langevin. A
 * sampler that starts from a uniform box takes z as its U[0, 1) draws (x_0 = lo + (hi - lo) z). So
 * two samplers run from the same latents start from the same z, and their end points compare one by
 * one. Fresh noise of later steps still comes from the noise source.
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
    private final NoiseSource noise;
    private final NDArray latents;
    private final long[] ids;
    private final Shape shape;
    private final StepListener listener;
    private final boolean record;
    private final List<NDArray> trajectory = new ArrayList<>();
    private final List<Double> trajectorySigmas = new ArrayList<>();

    private SampleRun(Builder b) {
        this.manager = Check.notNull("manager", b.manager);
        this.noise = b.source != null ? b.source : new NoiseStream(b.seed);
        this.ids = Check.notNull("ids", b.ids).clone();
        Check.atLeast("ids.length", ids.length, 1);
        this.shape = Check.notNull("shape", b.shape);
        this.latents = b.latents == null ? null : copyLatents(b.latents);
        this.listener = b.listener;
        this.record = b.record;
    }

    /** The latents as a float64 copy in the run's manager, after checking their shape. */
    private NDArray copyLatents(NDArray z) {
        Shape expected = new Shape(ids.length).addAll(shape);
        if (!z.getShape().equals(expected)) {
            throw new IllegalArgumentException("latents must have shape (B, shape...) = " + expected
                    + " (B = ids.length), got " + z.getShape());
        }
        NDArray copy = z.toType(DataType.FLOAT64, true);
        copy.attach(manager);
        return copy;
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

    /** Whether the run starts from caller-supplied latents ({@link Builder#latents}). */
    public boolean hasLatents() {
        return latents != null;
    }

    /**
     * Standard normal noise for every sample at a stream step, float64, shape (B, shape...): a copy
     * of the latents at {@link #INITIAL} when the run has them, the noise source's draws otherwise.
     */
    public NDArray normal(long streamStep) {
        return normal(manager, streamStep);
    }

    /** Standard normal noise for every sample at a stream step, created in {@code m}. */
    public NDArray normal(NDManager m, long streamStep) {
        if (streamStep == INITIAL && latents != null) {
            NDArray z = latents.duplicate();
            z.attach(m);
            return z;
        }
        return noise.normal(m, ids, shape, streamStep);
    }

    /**
     * Uniform noise on [0, 1) for every sample at a stream step, float64, shape (B, shape...): a copy
     * of the latents at {@link #INITIAL} when the run has them. The default source draws it from the
     * same per-sample generator as {@link #normal(long)} at that step, so a sampler must not draw both
     * at one stream step.
     */
    public NDArray uniform(long streamStep) {
        if (streamStep == INITIAL && latents != null) {
            return normal(streamStep);
        }
        return noise.uniform(manager, ids, shape, streamStep);
    }

    /**
     * The initial state z * scale, z the draws of stream step {@link #INITIAL} (the latents when
     * given), float64; {@code scale} is the sampler's initial standard deviation (sigma(t_0) s(t_0)
     * for the ODE).
     */
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
        if (DenoiserCheck.holdsNanOrInf(x)) throw new SamplingDivergedException(sampler, step, sigma);
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

    /** Builder with the defaults: seed 0, the seed's {@link NoiseStream}, no latents, no listener, no trajectory. */
    public static final class Builder {
        private final NDManager manager;
        private final long[] ids;
        private final Shape shape;
        private long seed;
        private NoiseSource source;
        private NDArray latents;
        private StepListener listener;
        private boolean record;

        private Builder(NDManager manager, long[] ids, Shape shape) {
            this.manager = manager;
            this.ids = ids;
            this.shape = shape;
        }

        /** The base seed of the per-sample noise streams (ignored when {@link #noise} is given). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The source of every random draw of the run, in place of {@code new NoiseStream(seed)}
         * (EDM's {@code randn_like}); see {@link NoiseSource} for its contract.
         */
        public Builder noise(NoiseSource source) {
            this.source = Check.notNull("source", source);
            return this;
        }

        /**
         * Start from these latents z, shape (B, shape...), row i for sample {@code ids[i]}: the draws
         * of stream step {@link #INITIAL}, so the sampler starts from z * std_0 (see the class
         * comment). Copied as float64 when the run is built.
         */
        public Builder latents(NDArray latents) {
            this.latents = Check.notNull("latents", latents);
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
