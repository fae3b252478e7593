package edm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import edm.Check;
import edm.loss.DenoisingLoss;
import edm.loss.Formulation;
import edm.nn.DenoiserNet;
import edm.nn.Init;
import edm.nn.NetworkDenoiser;
import edm.precond.Preconditioning;
import edm.rand.NoiseStream;
import edm.rand.SampleRng;
import edm.show.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * The training loop for any {@link DenoisingLoss}. Step k (0-based) with batch size B:
 *
 * <ol>
 *   <li>y = B data samples in the seeded order of {@link DataOrder};
 *   <li>sigma_i ~ p_train from a SplittableRandom seeded by a function of (seed, k); n_i = sigma_i eps_i with
 *       eps from a {@link NoiseStream} keyed by (row i, step k);
 *   <li>L = mean_i lambda(sigma_i) c_out(sigma_i)^2 mean_j (F(c_in (y + n); c_noise)_ij - T_ij)^2 with the F-space
 *       target T = (y - c_skip (y + n))/c_out;
 *   <li>back-propagation, global-norm clipping, Adam with lr_k = lr min(1, (k + 1)/warm-up), then
 *       the EMA of the weights with beta = 0.5^(B/h).
 * </ol>
 *
 * Every random draw is a pure function of (seed, k), so the random state of a checkpoint is (seed, step)
 * and resuming repeats the straight run exactly. A NaN or infinite loss or gradient norm stops training
 * with a {@link TrainingDivergedException} naming the step (the weights are left as before that step).
 */
public final class TrainLoop implements AutoCloseable {
    private static final double HISTORY_SIGMA_MIN = 0.002;
    private static final double HISTORY_SIGMA_MAX = 80;

    private final DenoiserNet net;
    private final DenoisingLoss loss;
    private final TrainConfig config;
    private final NDManager manager;
    private final NDArray data;
    private final DataOrder order;
    private final NoiseStream noise;
    private final List<Parameter> params = new ArrayList<>();
    private final List<NDArray> weights = new ArrayList<>();
    private final Adam adam;
    private final Ema ema;
    private final LossHistory history;
    private long step;
    private NDArray coupling; // noise paired with each data row (reflow), or null for fresh draws
    private double lastGradNorm;

    /**
     * @param net    the network F; initialized here from {@code config.seed()} if it is not yet
     * @param loss   the loss (preconditioning, p_train, lambda)
     * @param data   training data (N, sampleShape...), any floating type (copied as float32)
     * @param config hyper-parameters
     */
    public TrainLoop(DenoiserNet net, DenoisingLoss loss, NDArray data, TrainConfig config) {
        this.net = Check.notNull("net", net);
        this.loss = Check.notNull("loss", loss);
        this.config = Check.notNull("config", config);
        Check.notNull("data", data);
        Shape ds = data.getShape();
        if (ds.dimension() < 1 || !ds.slice(1).equals(net.sampleShape())) {
            throw new IllegalArgumentException("data must have shape (N, " + net.sampleShape() + "), got " + ds);
        }
        Check.atLeast("data.size(0)", (int) Math.min(ds.get(0), Integer.MAX_VALUE), 1);
        this.manager = NDManager.newBaseManager();
        if (!net.isInitialized()) {
            Init.seeded(net, NDManager.newBaseManager(), config.seed()); // outlives this loop
        }
        this.data = ownedFloat32(data);
        this.order = new DataOrder(Math.toIntExact(ds.get(0)), SampleRng.mix64(config.seed() ^ 0x5EED0001L));
        this.noise = new NoiseStream(config.seed()).fork(2);
        for (Pair<String, Parameter> p : net.getParameters()) {
            params.add(p.getValue());
            weights.add(p.getValue().getArray());
        }
        this.adam = new Adam(weights, manager);
        this.ema = new Ema(weights, manager);
        this.history = new LossHistory(config.logInterval(), config.sigmaBins(), HISTORY_SIGMA_MIN, HISTORY_SIGMA_MAX);
    }

    /** As the main constructor with the loss of a Table 1 column. */
    public TrainLoop(DenoiserNet net, Formulation formulation, NDArray data, TrainConfig config) {
        this(net, Check.notNull("formulation", formulation).loss(), data, config);
    }

    /**
     * Pairs every data row with a fixed noise: from now on the noise of row r is {@code noise[r]}
     * instead of a fresh draw, x = y_r + sigma z_r. With data y_r = Phi(z_r), the end points of a
     * trained flow's ODE from the noises z_r, this is rectified flow's reflow (Liu et al. 2023): the
     * loss's target pairs are no longer independent, so the new flow's paths are straighter. The
     * row order and the sigma draws stay those of the seed; a coupling is data, not training state,
     * so a resumed loop must be given it again.
     *
     * @param noise shape (N, sampleShape...), the same N as the data; copied as float32
     * @return this loop
     */
    public TrainLoop coupled(NDArray noise) {
        Check.notNull("noise", noise);
        if (!noise.getShape().equals(data.getShape())) {
            throw new IllegalArgumentException("noise must have the data's shape " + data.getShape() + ", got " + noise.getShape());
        }
        NDArray copy = ownedFloat32(noise);
        if (coupling != null) {
            coupling.close();
        }
        coupling = copy;
        return this;
    }

    /**
     * A float32 copy of {@code a} owned by this loop's manager: a caller's array made from a Java buffer
     * may be a view of memory the caller frees (closing it, or GC), and toType(FLOAT32, true) shares
     * storage when the type already matches.
     */
    private NDArray ownedFloat32(NDArray a) {
        NDArray f32 = a.toType(DataType.FLOAT32, false);
        NDArray copy = f32.duplicate();
        copy.attach(manager);
        if (f32 != a) {
            f32.close();
        }
        return copy;
    }

    /** Runs {@code config.steps()} steps from the current one with a progress bar; returns the history. */
    public Table run() {
        return run(config.steps());
    }

    /** Runs {@code n} more steps with a progress bar showing the loss; returns the history table. */
    public Table run(int n) {
        Check.atLeast("n", n, 0);
        if (n == 0) {
            return history.table();
        }
        try (Progress bar = Progress.start("training", n)) {
            for (int i = 0; i < n; i++) {
                double l = step();
                bar.step("loss %.4f", l);
            }
        }
        return history.table();
    }

    /** One optimizer step; returns the batch loss (mean over the batch). */
    public double step() {
        int b = config.batchSize();
        long k = step;
        try (NDManager sm = manager.newSubManager()) {
            long[] rows = order.batch(k, b);
            NDArray y = data.get(sm.create(rows));
            y.attach(sm);
            SplittableRandom rng = new SplittableRandom(noise.rng(-1, k).nextLong());
            double[] sigmas = new double[b];
            for (int i = 0; i < b; i++) {
                sigmas[i] = loss.pTrain().sample(rng);
            }
            NDArray eps = coupling != null ? coupling.get(sm.create(rows))
                    : noise.normal(sm, 0, b, net.sampleShape(), k).toType(DataType.FLOAT32, false);
            Coefficients c = new Coefficients(loss, sigmas, sm, net.sampleShape().dimension());
            NDArray x = y.add(eps.mul(c.sigma));
            NDArray target = y.sub(x.mul(c.cSkip)).div(c.cOut);
            float[] perSample;
            List<NDArray> grads = new ArrayList<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray f = net.forward(new ParameterStore(sm, false), new NDList(x.mul(c.cIn), c.cNoise), true)
                        .singletonOrThrow();
                NDArray l = f.sub(target).square().reshape(b, -1).mean(new int[] {1}).mul(c.weight);
                perSample = l.toFloatArray();
                double mean = mean(perSample);
                if (!Double.isFinite(mean)) {
                    throw new TrainingDivergedException(k, "loss = " + mean + " (" + nonFiniteSamples(perSample, sigmas, rows) + ")");
                }
                gc.backward(l.mean());
            }
            for (NDArray w : weights) {
                NDArray g = w.getGradient();
                g.attach(sm);
                grads.add(g);
            }
            double norm = GradClip.clip(grads, config.clipNorm());
            if (!Double.isFinite(norm)) {
                throw new TrainingDivergedException(k, "gradient norm = " + norm + " (first non-finite: "
                        + firstNonFinite(grads) + ")");
            }
            double lr = config.lrAt(k);
            adam.update(weights, grads, lr);
            long seen = (k + 1) * b;
            ema.update(weights, Ema.beta(b, config.emaHalflife(), config.emaRampup(), seen), sm);
            for (NDArray g : grads) {
                g.subi(g);
            }
            lastGradNorm = norm;
            step = k + 1;
            history.record(k, seen, lr, norm, sigmas, perSample);
            return mean(perSample);
        }
    }

    /** Per-sample coefficients as float32 arrays of shape (B, 1, ..., 1), and c_noise of shape (B). */
    private static final class Coefficients {
        final NDArray sigma;
        final NDArray cIn;
        final NDArray cSkip;
        final NDArray cOut;
        final NDArray cNoise;
        final NDArray weight;

        Coefficients(DenoisingLoss loss, double[] sigmas, NDManager m, int trailing) {
            Preconditioning p = loss.precond();
            int b = sigmas.length;
            float[] s = new float[b];
            float[] in = new float[b];
            float[] skip = new float[b];
            float[] out = new float[b];
            float[] noise = new float[b];
            float[] w = new float[b];
            for (int i = 0; i < b; i++) {
                double sg = sigmas[i];
                s[i] = (float) sg;
                in[i] = (float) p.cIn(sg);
                skip[i] = (float) p.cSkip(sg);
                out[i] = (float) p.cOut(sg);
                noise[i] = (float) p.cNoise(sg);
                w[i] = (float) loss.effectiveWeight(sg);
            }
            long[] dims = new long[trailing + 1];
            Arrays.fill(dims, 1);
            dims[0] = b;
            Shape sh = new Shape(dims);
            sigma = m.create(s, sh);
            cIn = m.create(in, sh);
            cSkip = m.create(skip, sh);
            cOut = m.create(out, sh);
            cNoise = m.create(noise);
            weight = m.create(w);
        }
    }

    /** The batch members whose loss is not finite: their sigma and data row, at most 5 listed. */
    static String nonFiniteSamples(float[] perSample, double[] sigmas, long[] rows) {
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (int i = 0; i < perSample.length; i++) {
            if (Float.isFinite(perSample[i])) {
                continue;
            }
            if (++count <= 5) {
                b.append(count == 1 ? "" : "; ").append("sigma = ").append(sigmas[i]).append(" on data row ").append(rows[i]);
            }
        }
        if (count > 5) {
            b.append("; ").append(count - 5).append(" more");
        }
        return count + " of " + perSample.length + " samples of the batch not finite: " + b;
    }

    private String firstNonFinite(List<NDArray> grads) {
        for (int i = 0; i < grads.size(); i++) {
            for (float f : grads.get(i).toFloatArray()) {
                if (!Float.isFinite(f)) {
                    return "gradient of parameter " + i + " " + params.get(i).getName() + " " + grads.get(i).getShape();
                }
            }
        }
        return "none";
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    /** Steps done. */
    public long stepCount() {
        return step;
    }

    /** The global gradient norm (before clipping) of the last step. */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** The loss history table. */
    public Table history() {
        return history.table();
    }

    /** The configuration. */
    public TrainConfig config() {
        return config;
    }

    /** The network being trained. */
    public DenoiserNet net() {
        return net;
    }

    /** The live network as a denoiser (its weights keep changing while training goes on). */
    public NetworkDenoiser denoiser() {
        return new NetworkDenoiser(net, loss.precond());
    }

    /** A new network holding a copy of the current EMA weights, as a denoiser (it outlives this loop). */
    public NetworkDenoiser emaDenoiser() {
        DenoiserNet copy = Init.seeded(net.fresh(), NDManager.newBaseManager(), 0);
        int i = 0;
        for (Pair<String, Parameter> p : copy.getParameters()) {
            Init.copyInto(p.getValue().getArray(), ema.weights().get(i++).toFloatArray());
        }
        return new NetworkDenoiser(copy, loss.precond());
    }

    /** The full training state: weights, EMA weights, Adam moments, step and seed. */
    public Checkpoint checkpoint() {
        List<Checkpoint.Tensor> w = new ArrayList<>();
        List<Checkpoint.Tensor> e = new ArrayList<>();
        List<Checkpoint.Tensor> m = new ArrayList<>();
        List<Checkpoint.Tensor> v = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).getName() + "#" + i;
            w.add(Checkpoint.Tensor.of(name, weights.get(i)));
            e.add(Checkpoint.Tensor.of(name, ema.weights().get(i)));
            m.add(Checkpoint.Tensor.of(name, adam.m().get(i)));
            v.add(Checkpoint.Tensor.of(name, adam.v().get(i)));
        }
        return new Checkpoint(net.architecture(), step, config.seed(), config.batchSize(), adam.t(), w, e, m, v, null);
    }

    /** Writes {@link #checkpoint()} to {@code file} atomically. */
    public void save(Path file) throws IOException {
        checkpoint().save(file);
    }

    /** Loads a checkpoint file and restores it (see {@link #restore(Checkpoint)}). */
    public void restore(Path file) throws IOException {
        restore(Checkpoint.load(file));
    }

    /**
     * Restores weights, EMA, Adam state and step. The architecture, tensor shapes, seed and batch size must
     * match this loop (IllegalStateException naming the file and the mismatch otherwise).
     */
    public void restore(Checkpoint c) {
        Check.notNull("c", c);
        c.requireMatch("architecture", net.architecture(), c.architecture());
        c.requireMatch("seed", config.seed(), c.seed());
        c.requireMatch("batchSize", config.batchSize(), c.batchSize());
        c.requireMatch("number of tensors", params.size(), c.weights().size());
        for (int i = 0; i < params.size(); i++) {
            c.weights().get(i).copyInto(weights.get(i), c);
            c.ema().get(i).copyInto(ema.weights().get(i), c);
            c.adamM().get(i).copyInto(adam.m().get(i), c);
            c.adamV().get(i).copyInto(adam.v().get(i), c);
        }
        adam.setT(c.adamT());
        step = c.step();
    }

    /** Frees the training state (data copy, EMA, Adam moments); the network's weights stay valid. */
    @Override
    public void close() {
        manager.close();
    }
}
