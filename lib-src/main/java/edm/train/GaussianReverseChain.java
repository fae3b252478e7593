package edm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import edm.Check;
import edm.nn.Scalar;
import edm.process.DiscreteDdpm;
import edm.show.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sohl-Dickstein et al. (2015): a reverse diffusion chain with a learned Gaussian mean AND variance
 * per step, trained on the KL terms of the variational bound; with a {@link Variant}, also the bound-trained
 * rows of DDPM's Table 2 (Ho et al. 2020): mean through eps or mu~, learned or fixed variance.
 *
 * <p>Forward chain: q(x_t | x_{t-1}) = N(sqrt(1 - beta_t) x_{t-1}, beta_t I), t = 1..T (a
 * {@link DiscreteDdpm}). Reverse model, for d-dimensional data:
 * <pre>
 *   p(x_{t-1} | x_t) = N(mu_theta(x_t, t), diag exp(v_theta(x_t, t))),
 *   [f, g] = MLP([x_t, onehot(t)])   (2d outputs; SiLU hidden layers),
 *   mu_theta = (x_t - beta_t/sqrt(1 - alpha_bar_t) f)/sqrt(alpha_t),   v_theta = ln beta_t + g,
 * </pre>
 * ({@link Variant#SOHL_DICKSTEIN}). Variant {@code MU} reads mu_theta = f directly (DDPM's mu~ baseline); a fixed
 * variance drops g and keeps v_theta = ln beta_t (DDPM's "fixed isotropic Sigma").
 * i.e. the mean is written through a noise prediction f as in DDPM (Ho et al. 2020), which keeps
 * the network's outputs at unit scale at every t (Sohl-Dickstein et al. scale their mean output by
 * sqrt(beta_t) for the same reason); the variance is free per point and step and starts at beta_t. The bound on -ln p(x_0), in
 * nats per data point, is
 * <pre>
 *   K = E_q[ L_T + sum_{t=2}^T L_{t-1} + L_0 ],
 *   L_T     = KL(q(x_T | x_0) || N(0, I)),
 *   L_{t-1} = KL(q(x_{t-1} | x_t, x_0) || p(x_{t-1} | x_t)),  q(x_{t-1} | x_t, x_0) = N(mu_tilde_t, beta_tilde_t I),
 *   L_0     = -ln p(x_0 | x_1)   (a Gaussian density: the data are continuous),
 * </pre>
 * with the Gaussian KL of {@link #klDiag}. Training minimizes the unbiased one-draw estimate
 * T L_{t-1}(x_0, x_t) with t ~ U{1..T}, x_t ~ q(x_t | x_0), averaged over a batch (Adam).
 *
 * <p>Sampling multiplies every reverse step by a factor r(x) ({@link Product}): x_T ~ N(0, I) r and
 * x_{t-1} ~ p(x_{t-1} | x_t) r(x_{t-1}), normalized per step, the paper's "multiplying distributions"
 * (section 2.5) with the same r at every step.
 *
 * <p>The network runs in float32 on the engine's default device; sampling and bounds are computed
 * in double on the CPU from its outputs. Close the object to free the weights.
 */
public final class GaussianReverseChain implements AutoCloseable {
    /**
     * The reverse step's parameterization.
     *
     * @param mean            how the network's first d outputs give the mean
     * @param learnedVariance whether d more outputs g give v_theta = ln beta_t + g, or v_theta = ln beta_t
     */
    public record Variant(Mean mean, boolean learnedVariance) {
        /** The mean through a noise prediction (eps) or directly (mu). */
        public enum Mean { EPS, MU }

        /** The 2015 paper's model as written here: eps mean, learned diagonal variance. */
        public static final Variant SOHL_DICKSTEIN = new Variant(Mean.EPS, true);

        /** Validates that the mean is given. */
        public Variant {
            Check.notNull("mean", mean);
        }

        /** A label in DDPM Table 2's words. */
        public String label() {
            return (mean == Mean.EPS ? "eps" : "mu") + " prediction, bound, "
                    + (learnedVariance ? "learned diagonal variance" : "fixed variance beta_t");
        }
    }

    private final DiscreteDdpm chain;
    private final int dim;
    private final Variant variant;
    private final NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final Adam adam;
    private final SplittableRandom rng;
    private final List<Double> lossHistory = new ArrayList<>();

    /**
     * A freshly initialized model (Glorot-uniform weights from {@code seed}, zero biases; the output
     * layer's weights scaled by 0.1 so the initial model is close to f = 0, variance beta_t).
     *
     * @param chain the forward chain (T steps)
     * @param dim   data dimension d
     * @param width hidden units per layer
     * @param depth hidden layers, at least 1
     * @param seed  seed of the weights and of the training draws
     */
    public GaussianReverseChain(DiscreteDdpm chain, int dim, int width, int depth, long seed) {
        this(chain, dim, width, depth, seed, Variant.SOHL_DICKSTEIN);
    }

    /** The same with another parameterization of the reverse step. */
    public GaussianReverseChain(DiscreteDdpm chain, int dim, int width, int depth, long seed, Variant variant) {
        this.chain = Check.notNull("chain", chain);
        this.dim = Check.atLeast("dim", dim, 1);
        this.variant = Check.notNull("variant", variant);
        Check.atLeast("width", width, 1);
        Check.atLeast("depth", depth, 1);
        this.manager = NDManager.newBaseManager();
        this.rng = new SplittableRandom(seed);
        SplittableRandom init = new SplittableRandom(~seed);
        int in = dim + chain.T();
        for (int l = 0; l <= depth; l++) {
            int out = l == depth ? (variant.learnedVariance() ? 2 : 1) * dim : width;
            double a = Math.sqrt(6.0 / (in + out)) * (l == depth ? 0.1 : 1);
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (a * (2 * init.nextDouble() - 1));
            }
            weights.add(manager.create(w, new Shape(in, out)));
            weights.add(manager.zeros(new Shape(out)));
            in = out;
        }
        for (NDArray w : weights) {
            w.setRequiresGradient(true);
        }
        this.adam = new Adam(weights, manager);
    }

    /** The forward chain. */
    public DiscreteDdpm chain() {
        return chain;
    }

    /** The data dimension d. */
    public int dim() {
        return dim;
    }

    /** The parameterization of the reverse step. */
    public Variant variant() {
        return variant;
    }

    /** Training losses, one per step (the estimate T L_{t-1} averaged over the batch, nats per point). */
    public double[] lossHistory() {
        return lossHistory.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * KL(N(m1, diag e^{lv1}) || N(m2, diag e^{lv2})) summed over the last axis:
     * 1/2 sum_i [lv2 - lv1 + (e^{lv1} + (m1 - m2)^2) e^{-lv2} - 1].
     */
    public static NDArray klDiag(NDArray m1, NDArray lv1, NDArray m2, NDArray lv2) {
        NDArray d = m1.sub(m2);
        return lv2.sub(lv1).add(lv1.exp().add(d.square()).mul(lv2.neg().exp())).sub(1).sum(new int[] {-1}).mul(Scalar.like(d, 0.5));
    }

    /** The same KL for scalars (one dimension), in double. */
    public static double klDiag(double m1, double v1, double m2, double v2) {
        double d = m1 - m2;
        return 0.5 * (Math.log(v2 / v1) + (v1 + d * d) / v2 - 1);
    }

    /** The network's [mu, ln variance] for x_t (B x d) at per-row steps t (1..T), each B x d. */
    private NDArray[] forward(NDManager m, NDArray xt, int[] t) {
        int b = t.length;
        float[] onehot = new float[b * chain.T()];
        float[] lnBeta = new float[b];
        float[] c1 = new float[b];
        float[] c2 = new float[b];
        for (int i = 0; i < b; i++) {
            int ti = t[i];
            onehot[i * chain.T() + ti - 1] = 1;
            lnBeta[i] = (float) Math.log(chain.beta(ti));
            c1[i] = (float) (1 / Math.sqrt(chain.alpha(ti)));
            c2[i] = (float) (chain.beta(ti) / Math.sqrt(1 - chain.alphaBar(ti)) / Math.sqrt(chain.alpha(ti)));
        }
        NDArray h = NDArrays.concat(new NDList(xt, m.create(onehot, new Shape(b, chain.T()))), 1);
        int layers = weights.size() / 2;
        for (int l = 0; l < layers; l++) {
            h = h.matMul(weights.get(2 * l)).add(weights.get(2 * l + 1));
            if (l < layers - 1) {
                h = h.mul(Activation.sigmoid(h));
            }
        }
        NDArray f = h.get(":, 0:" + dim);
        NDArray mu = variant.mean() == Variant.Mean.MU ? f
                : xt.mul(m.create(c1, new Shape(b, 1))).sub(f.mul(m.create(c2, new Shape(b, 1))));
        NDArray lnBetaColumn = m.create(lnBeta, new Shape(b, 1));
        NDArray lv = variant.learnedVariance() ? h.get(":, " + dim + ":").add(lnBetaColumn) : lnBetaColumn.repeat(1, dim);
        return new NDArray[] {mu, lv};
    }

    /**
     * The one-draw bound terms for each row: L_{t-1} (nats) at x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps.
     */
    private NDArray terms(NDManager m, double[][] x0, int[] t, double[][] eps) {
        int b = t.length;
        float[] xt = new float[b * dim];
        float[] x0f = new float[b * dim];
        float[] muQ = new float[b * dim];
        float[] lvQ = new float[b];
        float[] isKl = new float[b];
        for (int i = 0; i < b; i++) {
            int ti = t[i];
            double s = Math.sqrt(chain.alphaBar(ti));
            double n = Math.sqrt(1 - chain.alphaBar(ti));
            for (int j = 0; j < dim; j++) {
                double x = s * x0[i][j] + n * eps[i][j];
                xt[i * dim + j] = (float) x;
                x0f[i * dim + j] = (float) x0[i][j];
                muQ[i * dim + j] = (float) (chain.posteriorMeanX0(ti) * x0[i][j] + chain.posteriorMeanXt(ti) * x);
            }
            isKl[i] = ti >= 2 ? 1 : 0;
            lvQ[i] = ti >= 2 ? (float) Math.log(chain.posteriorVariance(ti)) : 0;
        }
        Shape sh = new Shape(b, dim);
        NDArray[] p = forward(m, m.create(xt, sh), t);
        NDArray kl = klDiag(m.create(muQ, sh), m.create(lvQ, new Shape(b, 1)).repeat(1, dim), p[0], p[1]);
        NDArray nll = p[1].add(m.create(x0f, sh).sub(p[0]).square().mul(p[1].neg().exp()))
                .add(Math.log(2 * Math.PI)).sum(new int[] {-1}).mul(Scalar.like(p[1], 0.5));
        NDArray mask = m.create(isKl);
        return kl.mul(mask).add(nll.mul(mask.neg().add(1)));
    }

    /**
     * Trains for {@code steps} Adam steps on batches of {@code batch} rows of {@code data} (N x d),
     * with a progress bar; returns the loss history so far.
     */
    public double[] train(double[][] data, int steps, int batch, double lr) {
        Check.notNull("data", data);
        Check.atLeast("data.length", data.length, 1);
        Check.atLeast("steps", steps, 0);
        Check.atLeast("batch", batch, 1);
        Check.positive("lr", lr);
        try (Progress bar = Progress.start("training the reverse chain", steps)) {
            for (int k = 0; k < steps; k++) {
                double l = step(data, batch, lr);
                bar.step("loss %.3f", l);
            }
        }
        return lossHistory();
    }

    /** One Adam step; returns the batch loss T mean_b L_{t_b - 1}. */
    public double step(double[][] data, int batch, double lr) {
        double[][] x0 = new double[batch][];
        double[][] eps = new double[batch][dim];
        int[] t = new int[batch];
        for (int i = 0; i < batch; i++) {
            x0[i] = data[rng.nextInt(data.length)];
            if (x0[i].length != dim) {
                throw new IllegalArgumentException("data rows must have d = " + dim + " values, got " + x0[i].length);
            }
            t[i] = 1 + rng.nextInt(chain.T());
            for (int j = 0; j < dim; j++) {
                eps[i][j] = gaussian(rng);
            }
        }
        try (NDManager sm = manager.newSubManager()) {
            double loss;
            List<NDArray> grads = new ArrayList<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = terms(sm, x0, t, eps).mean();
                l = l.mul(Scalar.like(l, chain.T())); // engine-owned constant: see Scalar
                loss = l.getFloat();
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(lossHistory.size(), "loss = " + loss);
                }
                gc.backward(l);
            }
            for (NDArray w : weights) {
                NDArray g = w.getGradient();
                g.attach(sm);
                grads.add(g);
            }
            adam.update(weights, grads, lr);
            for (NDArray g : grads) {
                g.subi(g);
            }
            lossHistory.add(loss);
            return loss;
        }
    }

    /**
     * The bound's terms averaged over the rows of {@code x0}, one draw of x_t per row and step:
     * element 0 is L_0, element t - 1 is L_{t-1} (t = 2..T), element T is L_T; their sum is the
     * bound K in nats per data point.
     */
    public double[] boundTerms(double[][] x0, long seed) {
        Check.notNull("x0", x0);
        int n = x0.length;
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[chain.T() + 1];
        try (NDManager sm = manager.newSubManager()) {
            for (int t = 1; t <= chain.T(); t++) {
                double[][] eps = new double[n][dim];
                for (double[] e : eps) {
                    for (int j = 0; j < dim; j++) {
                        e[j] = gaussian(r);
                    }
                }
                int[] ts = new int[n];
                java.util.Arrays.fill(ts, t);
                try (NDManager tm = sm.newSubManager()) {
                    out[t - 1] = terms(tm, x0, ts, eps).mean().getFloat();
                }
            }
        }
        double ab = chain.alphaBar(chain.T());
        double lt = 0;
        for (double[] x : x0) {
            for (double v : x) {
                lt += klDiag(Math.sqrt(ab) * v, 1 - ab, 0, 1);
            }
        }
        out[chain.T()] = lt / n;
        return out;
    }

    /**
     * Ancestral sampling of {@code n} points with the product factor r: returns the states x_t for
     * t = 0..T (element t is n x d), x_T first drawn from N(0, I) r.
     */
    public double[][][] sample(int n, long seed, Product r) {
        Check.atLeast("n", n, 1);
        Check.notNull("r", r);
        SplittableRandom g = new SplittableRandom(seed);
        int bigT = chain.T();
        double[][][] x = new double[bigT + 1][][];
        double[] zero = new double[dim];
        double[] one = new double[dim];
        java.util.Arrays.fill(one, 1);
        x[bigT] = new double[n][];
        for (int i = 0; i < n; i++) {
            x[bigT][i] = r.draw(zero, one, g);
        }
        for (int t = bigT; t >= 1; t--) {
            double[][][] p = reverse(x[t], t);
            x[t - 1] = new double[n][];
            for (int i = 0; i < n; i++) {
                x[t - 1][i] = r.draw(p[0][i], p[1][i], g);
            }
        }
        return x;
    }

    /**
     * The reverse step p(x_{t-1} | x_t) at each row of {@code xt} (n x d): element 0 holds the means, element 1
     * the variances exp(v_theta), each n x d.
     */
    public double[][][] reverse(double[][] xt, int t) {
        Check.notNull("xt", xt);
        Check.inRange("t", t, 1, chain.T());
        int n = xt.length;
        float[] xf = new float[n * dim];
        for (int i = 0; i < n; i++) {
            if (xt[i].length != dim) {
                throw new IllegalArgumentException("xt rows must have d = " + dim + " values, got " + xt[i].length);
            }
            for (int j = 0; j < dim; j++) {
                xf[i * dim + j] = (float) xt[i][j];
            }
        }
        int[] ts = new int[n];
        java.util.Arrays.fill(ts, t);
        try (NDManager tm = manager.newSubManager()) {
            NDArray[] p = forward(tm, tm.create(xf, new Shape(n, dim)), ts);
            float[] mu = p[0].toFloatArray();
            float[] lv = p[1].toFloatArray();
            double[][][] out = new double[2][n][dim];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dim; j++) {
                    out[0][i][j] = mu[i * dim + j];
                    out[1][i][j] = Math.exp(lv[i * dim + j]);
                }
            }
            return out;
        }
    }

    /** The model's reverse variance exp(v_theta(x, t)) at one point (d values). */
    public double[] reverseVariance(double[] x, int t) {
        Check.notNull("x", x);
        return reverse(new double[][] {x}, t)[1][0];
    }

    /**
     * A factor r(x) multiplying each reverse step: {@link #draw} samples the normalized product
     * N(x; m, diag v) r(x) / Z.
     */
    @FunctionalInterface
    public interface Product {
        /** A draw from N(m, diag v) r, normalized. */
        double[] draw(double[] m, double[] v, SplittableRandom rng);

        /** r = 1: the unconditioned chain. */
        static Product none() {
            return (m, v, g) -> {
                double[] x = new double[m.length];
                for (int j = 0; j < x.length; j++) {
                    x[j] = m[j] + Math.sqrt(v[j]) * gaussian(g);
                }
                return x;
            };
        }

        /** r(x) = delta(x_i - value): coordinate i is clamped, the others drawn from the model. */
        static Product fixCoordinate(int i, double value) {
            Check.atLeast("i", i, 0);
            Check.finite("value", value);
            return (m, v, g) -> {
                double[] x = none().draw(m, v, g);
                x[i] = value;
                return x;
            };
        }

        /**
         * r(x) = 1{lo <= x_i <= hi}: coordinate i from the truncated normal (inverse CDF), the others
         * from the model, since the covariance is diagonal.
         */
        static Product box(int i, double lo, double hi) {
            Check.atLeast("i", i, 0);
            Check.ordered("lo", lo, "hi", hi);
            return (m, v, g) -> {
                double[] x = none().draw(m, v, g);
                double s = Math.sqrt(v[i]);
                double a = edm.metric.NormalCdf.cdf((lo - m[i]) / s);
                double b = edm.metric.NormalCdf.cdf((hi - m[i]) / s);
                double u = a + (b - a) * g.nextDouble();
                double z = b - a > 1e-300 ? inverseNormalCdf(Math.min(Math.max(u, 1e-300), 1 - 1e-16)) : Double.NaN;
                x[i] = Double.isFinite(z) ? Math.min(hi, Math.max(lo, m[i] + s * z)) : (m[i] < lo ? lo : hi);
                return x;
            };
        }
    }

    /** The standard normal quantile (Acklam's rational approximation refined by one Halley step). */
    static double inverseNormalCdf(double p) {
        Check.open("p", p, 0, 1);
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double q;
        double x;
        if (p < 0.02425) {
            q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double e = edm.metric.NormalCdf.cdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static double gaussian(SplittableRandom g) {
        double u1 = g.nextDouble();
        double u2 = g.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public void close() {
        manager.close();
    }
}
