package edm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import edm.Check;
import edm.nn.DenoiserNet;
import edm.nn.Init;
import edm.nn.Scalar;
import edm.rand.NoiseStream;
import edm.show.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Score matching for a score network s_theta(x) in R^d with no noise conditioning: the network F of a
 * {@link DenoiserNet} called with c_noise = 0, in float32, so s_theta(x) = F(x; 0). Three objectives
 * (norms are sums over the d coordinates, expectations means over samples):
 *
 * <pre>
 *   ESM (explicit):  J = 1/2 E_{x ~ p} ||s(x) - grad log p(x)||^2               needs the true score
 *   ISM (implicit):  J = E_{x ~ p} [ tr grad_x s(x) + 1/2 ||s(x)||^2 ]          Hyvarinen (2005)
 *   DSM (denoising): J = 1/2 E_{x ~ p, eps ~ N(0, I)} ||s(x + sigma eps) + eps/sigma||^2   Vincent (2011)
 * </pre>
 *
 * Integration by parts gives ISM = ESM - 1/2 E_p ||grad log p||^2, and expanding the square gives
 * DSM = ESM_sigma + d/(2 sigma^2) - 1/2 E_{p_sigma} ||grad log p_sigma||^2, where ESM_sigma is the ESM
 * objective on the noised density p_sigma = p * N(0, sigma^2 I): both differences are free of theta.
 *
 * <p>Training: the trace in ISM is taken by central differences,
 * tr grad s(x) ~ sum_j (s_j(x + h e_j) - s_j(x - h e_j))/(2h), with one batched forward pass over the
 * 2d + 1 shifted copies, so only first-order gradients are needed. The evaluation helpers
 * ({@link #ismTerms}) use the exact Jacobian trace from autograd ({@link #divergence}). Optimizer: the
 * library's {@link Adam} with linear warm-up and global-norm clipping at 10; batches are drawn with
 * replacement from a seeded stream, so a run is a pure function of (seed, data).
 */
public final class ScoreMatching implements AutoCloseable {

    /** The three objectives. */
    public enum Objective {
        /** Explicit score matching against a known score. */
        ESM,
        /** Implicit score matching (Jacobian trace + half squared norm). */
        ISM,
        /** Denoising score matching at a fixed sigma. */
        DSM
    }

    /**
     * Hyper-parameters.
     *
     * @param objective   the objective
     * @param sigma       DSM's noise level (ignored by ESM and ISM)
     * @param batchSize   samples per step
     * @param steps       steps of {@link #run()}
     * @param lr          peak Adam learning rate (linear warm-up over the first 100 steps)
     * @param fdStep      central-difference step h of ISM's trace
     * @param seed        seed of the weights, batches and noise
     */
    public record Config(Objective objective, double sigma, int batchSize, int steps, double lr, double fdStep,
            long seed) {
        /** Validates the arguments. */
        public Config {
            Check.notNull("objective", objective);
            Check.positive("sigma", sigma);
            Check.atLeast("batchSize", batchSize, 1);
            Check.atLeast("steps", steps, 0);
            Check.positive("lr", lr);
            Check.positive("fdStep", fdStep);
        }

        /** Batch 256, 2000 steps, lr 1e-3, h = 1e-2, seed 0. */
        public static Config of(Objective objective, double sigma) {
            return new Config(objective, sigma, 256, 2000, 1e-3, 1e-2, 0);
        }

        /** With another number of steps. */
        public Config withSteps(int n) {
            return new Config(objective, sigma, batchSize, n, lr, fdStep, seed);
        }

        /** With another batch size. */
        public Config withBatchSize(int b) {
            return new Config(objective, sigma, b, steps, lr, fdStep, seed);
        }

        /** With another learning rate. */
        public Config withLr(double rate) {
            return new Config(objective, sigma, batchSize, steps, rate, fdStep, seed);
        }

        /** With another seed. */
        public Config withSeed(long s) {
            return new Config(objective, sigma, batchSize, steps, lr, fdStep, s);
        }
    }

    private static final int WARMUP = 100;
    private static final double CLIP = 10;

    private final DenoiserNet net;
    private final Config config;
    private final UnaryOperator<NDArray> trueScore;
    private final NDManager manager;
    private final NDArray data;
    private final int n;
    private final NoiseStream noise;
    private final List<NDArray> weights = new ArrayList<>();
    private final Adam adam;
    private final List<double[]> history = new ArrayList<>();
    private long step;

    /**
     * @param net       the score network (d inputs, d outputs); initialized from the seed if it is not yet
     * @param config    hyper-parameters
     * @param data      samples of p, shape (N, d)
     * @param trueScore grad log p for ESM (float64 (B, d) to (B, d)); may be null for ISM and DSM
     */
    public ScoreMatching(DenoiserNet net, Config config, NDArray data, UnaryOperator<NDArray> trueScore) {
        this.net = Check.notNull("net", net);
        this.config = Check.notNull("config", config);
        Check.notNull("data", data);
        if (config.objective() == Objective.ESM && trueScore == null) {
            throw new IllegalArgumentException("ESM needs the true score");
        }
        if (data.getShape().dimension() != 2 || data.getShape().get(1) != net.sampleShape().size()) {
            throw new IllegalArgumentException("data must have shape (N, " + net.sampleShape().size() + "), got "
                    + data.getShape());
        }
        this.trueScore = trueScore;
        this.manager = NDManager.newBaseManager();
        if (!net.isInitialized()) {
            Init.seeded(net, NDManager.newBaseManager(), config.seed());
        }
        this.data = data.toType(DataType.FLOAT64, true);
        this.data.attach(manager);
        this.n = Math.toIntExact(data.getShape().get(0));
        this.noise = new NoiseStream(config.seed()).fork(3);
        for (Pair<String, Parameter> p : net.getParameters()) {
            weights.add(p.getValue().getArray());
        }
        this.adam = new Adam(weights, manager);
    }

    /** Runs {@code config.steps()} steps with a progress bar; returns the history (step, loss). */
    public Table run() {
        return run(config.steps());
    }

    /** Runs {@code steps} more steps; returns the history table (one row per step). */
    public Table run(int steps) {
        try (Progress bar = Progress.start("score matching (" + config.objective() + ")", steps)) {
            for (int i = 0; i < steps; i++) {
                bar.step("loss %.4f", step());
            }
        }
        return history();
    }

    /** One Adam step on a fresh batch; returns the batch objective. */
    public double step() {
        int b = config.batchSize();
        long k = step;
        try (NDManager sm = manager.newSubManager()) {
            long[] idx = new long[b];
            var rng = noise.rng(-1, k);
            for (int i = 0; i < b; i++) {
                idx[i] = Math.min(n - 1, (long) (rng.nextDouble() * n));
            }
            NDArray y = data.get(sm.create(idx));
            y.attach(sm);
            NDArray target = null;
            if (config.objective() == Objective.ESM) {
                target = trueScore.apply(y).toType(DataType.FLOAT32, false);
                target.attach(sm);
            } else if (config.objective() == Objective.DSM) {
                NDArray eps = noise.normal(sm, 0, b, net.sampleShape(), k);
                y = y.add(eps.mul(config.sigma()));
                target = eps.div(-config.sigma()).toType(DataType.FLOAT32, false);
            }
            NDArray x = y.toType(DataType.FLOAT32, false);
            double loss;
            zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray perSample = config.objective() == Objective.ISM
                        ? ismTraining(sm, x, config.fdStep())
                        : half(forward(sm, x, true).sub(target).square().sum(new int[] {1}));
                NDArray mean = perSample.mean();
                loss = mean.getFloat();
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(k, "objective = " + loss);
                }
                gc.backward(mean);
            }
            List<NDArray> grads = new ArrayList<>();
            for (NDArray w : weights) {
                NDArray g = w.getGradient();
                g.attach(sm);
                grads.add(g);
            }
            double norm = GradClip.clip(grads, CLIP);
            if (!Double.isFinite(norm)) {
                throw new TrainingDivergedException(k, "gradient norm = " + norm);
            }
            adam.update(weights, grads, config.lr() * Math.min(1.0, (k + 1) / (double) WARMUP));
            zeroGradients();
            history.add(new double[] {k, loss});
            step = k + 1;
            return loss;
        }
    }

    /** div + 1/2 ||s||^2 per sample, the trace by central differences over one batched forward pass. */
    private NDArray ismTraining(NDManager sm, NDArray x, double h) {
        int d = Math.toIntExact(x.getShape().get(1));
        long b = x.getShape().get(0);
        NDList copies = new NDList(x);
        for (int j = 0; j < d; j++) {
            float[] e = new float[d];
            e[j] = (float) h;
            NDArray shift = sm.create(e, new Shape(1, d));
            copies.add(x.add(shift));
            copies.add(x.sub(shift));
        }
        NDArray all = forward(sm, NDArrays.concat(copies, 0), true);
        NDArray s = all.get("0:" + b);
        NDArray div = null;
        for (int j = 0; j < d; j++) {
            NDArray plus = all.get((1 + 2 * j) * b + ":" + (2 + 2 * j) * b + ", " + j);
            NDArray minus = all.get((2 + 2 * j) * b + ":" + (3 + 2 * j) * b + ", " + j);
            NDArray dj = plus.sub(minus).div(Scalar.like(plus, 2 * h));
            div = div == null ? dj : div.add(dj);
        }
        return div.add(half(s.square().sum(new int[] {1})));
    }

    /** v / 2 with an engine-owned constant: differentiated, so never {@code mul(Number)} (see {@link Scalar}). */
    private static NDArray half(NDArray v) {
        return v.mul(Scalar.like(v, 0.5));
    }

    private NDArray forward(NDManager sm, NDArray x32, boolean training) {
        return forward(net, sm, x32, training);
    }

    private static NDArray forward(DenoiserNet net, NDManager sm, NDArray x32, boolean training) {
        NDArray c = sm.zeros(new Shape(x32.getShape().get(0)), DataType.FLOAT32);
        return net.forward(new ParameterStore(sm, false), new NDList(x32, c), training).singletonOrThrow();
    }

    private void zeroGradients() {
        zeroGradients(net);
    }

    private static void zeroGradients(DenoiserNet net) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                NDArray g = w.getGradient();
                g.muli(0);
                g.close();
            }
        }
    }

    /** Steps done. */
    public long stepCount() {
        return step;
    }

    /** The network. */
    public DenoiserNet net() {
        return net;
    }

    /** The history: step and batch objective, one row per step. */
    public Table history() {
        double[] s = new double[history.size()];
        double[] l = new double[history.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = history.get(i)[0];
            l[i] = history.get(i)[1];
        }
        return Table.create("score matching " + config.objective(),
                IntColumn.create("step", java.util.Arrays.stream(s).mapToInt(v -> (int) v).toArray()),
                DoubleColumn.create("loss", l));
    }

    /** Frees the data copy and the Adam moments; the network's weights stay valid. */
    @Override
    public void close() {
        manager.close();
    }

    /** s_theta(x) for a float64 batch (B, d): float64 (B, d) in x's manager, no gradient. */
    public static NDArray score(DenoiserNet net, NDArray x) {
        Check.notNull("net", net);
        Check.notNull("x", x);
        try (NDManager sm = x.getManager().newSubManager()) {
            NDArray x32 = x.toType(DataType.FLOAT32, true);
            x32.attach(sm);
            NDArray s = forward(net, sm, x32, false).toType(DataType.FLOAT64, false);
            s.attach(x.getManager());
            return s;
        }
    }

    /**
     * The exact divergence tr grad_x s_theta(x) per sample, shape (B) float64, by autograd: for each
     * coordinate j, the gradient of sum_i s_j(x_i) with respect to x gives d s_j/d x_j of every sample
     * (the samples do not interact). Parameter gradients touched on the way are reset to zero.
     */
    public static NDArray divergence(DenoiserNet net, NDArray x) {
        Check.notNull("net", net);
        Check.notNull("x", x);
        int d = Math.toIntExact(x.getShape().get(1));
        double[] div = new double[Math.toIntExact(x.getShape().get(0))];
        try (NDManager sm = x.getManager().newSubManager()) {
            for (int j = 0; j < d; j++) {
                NDArray x32 = x.toType(DataType.FLOAT32, true);
                x32.attach(sm);
                x32.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray s = forward(net, sm, x32, false);
                    gc.backward(s.get(":, " + j).sum());
                }
                float[] g = x32.getGradient().get(":, " + j).toFloatArray();
                for (int i = 0; i < div.length; i++) {
                    div[i] += g[i];
                }
            }
            zeroGradients(net);
        }
        return x.getManager().create(div);
    }

    /** The central-difference divergence sum_j (s_j(x + h e_j) - s_j(x - h e_j))/(2h), shape (B) float64. */
    public static NDArray divergenceFd(DenoiserNet net, NDArray x, double h) {
        Check.positive("h", h);
        int d = Math.toIntExact(x.getShape().get(1));
        NDManager m = x.getManager();
        NDArray div = m.zeros(new Shape(x.getShape().get(0)), DataType.FLOAT64);
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = h;
            try (NDManager sm = m.newSubManager()) {
                NDArray shift = sm.create(e, new Shape(1, d));
                NDArray xp = x.add(shift);
                NDArray xm = x.sub(shift);
                xp.attach(sm);
                xm.attach(sm);
                NDArray dj = score(net, xp).get(":, " + j).sub(score(net, xm).get(":, " + j)).div(2 * h);
                div.addi(dj);
            }
        }
        return div;
    }

    /** Per-sample ESM terms 1/2 ||s(x) - g(x)||^2 for samples x and the true score g at them. */
    public static double[] esmTerms(DenoiserNet net, NDArray x, NDArray trueScore) {
        try (NDManager sm = x.getManager().newSubManager()) {
            NDArray s = score(net, x);
            s.attach(sm);
            return s.sub(trueScore).square().sum(new int[] {1}).mul(0.5).toDoubleArray();
        }
    }

    /** Per-sample ISM terms tr grad s(x) + 1/2 ||s(x)||^2, the trace exact ({@link #divergence}). */
    public static double[] ismTerms(DenoiserNet net, NDArray x) {
        try (NDManager sm = x.getManager().newSubManager()) {
            NDArray s = score(net, x);
            s.attach(sm);
            NDArray div = divergence(net, x);
            div.attach(sm);
            return div.add(s.square().sum(new int[] {1}).mul(0.5)).toDoubleArray();
        }
    }

    /**
     * Per-sample DSM terms 1/2 ||s(x + sigma eps) + eps/sigma||^2 for clean samples x and noise eps
     * (both (B, d)).
     */
    public static double[] dsmTerms(DenoiserNet net, NDArray x, NDArray eps, double sigma) {
        Check.positive("sigma", sigma);
        try (NDManager sm = x.getManager().newSubManager()) {
            NDArray xt = x.add(eps.mul(sigma));
            xt.attach(sm);
            NDArray s = score(net, xt);
            s.attach(sm);
            return s.add(eps.div(sigma)).square().sum(new int[] {1}).mul(0.5).toDoubleArray();
        }
    }
}
