package edm.denoise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.rand.NoiseStream;
import edm.rand.SampleRng;

/**
 * A Gaussian mixture p_data = sum_k pi_k N(mu_k, diag(s_k^2)) in R^d and its exact denoiser.
 *
 * <p>Noising adds sigma^2 to every variance: p(x; sigma) = sum_k pi_k N(x; mu_k, diag(v_k)) with
 * v_k = s_k^2 + sigma^2. With posterior responsibilities
 * r_k(x) = pi_k N(x; mu_k, v_k) / sum_j pi_j N(x; mu_j, v_j) (a softmax of the log terms):
 *
 * <pre>
 *   D(x; sigma)      = sum_k r_k D_k,   D_k = (s_k^2 x + sigma^2 mu_k) / (s_k^2 + sigma^2)  (per coordinate)
 *   score(x; sigma)  = -sum_k r_k (x - mu_k) / v_k
 *   log p(x; sigma)  = logsumexp_k [ ln pi_k - 1/2 sum_j ((x_j - mu_kj)^2 / v_kj + ln(2 pi v_kj)) ]
 * </pre>
 *
 * D_k is the posterior mean of a single Gaussian component; D and the score are computed by separate
 * formulas, so D = x + sigma^2 score (Tweedie) is a real check. All arithmetic is float64.
 */
public final class GaussianMixture implements ExactDenoiser {
    private final int k;
    private final int d;
    private final double[] weights;   // pi_k
    private final double[] means;     // mu, K*d row-major
    private final double[] variances; // s^2, K*d row-major

    /**
     * @param weights pi_k &gt;= 0, summing to 1 within 1e-9
     * @param means mu_k, K rows of d values
     * @param stds s_k, K rows of d positive values (diagonal covariance)
     */
    public GaussianMixture(double[] weights, double[][] means, double[][] stds) {
        Check.notNull("weights", weights);
        Check.notNull("means", means);
        Check.notNull("stds", stds);
        this.k = Check.atLeast("weights.length", weights.length, 1);
        if (means.length != k || stds.length != k) {
            throw new IllegalArgumentException("means and stds must have weights.length = " + k
                    + " rows, got means.length = " + means.length + ", stds.length = " + stds.length);
        }
        Check.notNull("means[0]", means[0]);
        this.d = Check.atLeast("means[0].length", means[0].length, 1);
        this.weights = weights.clone();
        this.means = new double[k * d];
        this.variances = new double[k * d];
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += Check.nonNegative("weights[" + c + "]", weights[c]);
            Check.notNull("means[" + c + "]", means[c]);
            Check.notNull("stds[" + c + "]", stds[c]);
            if (means[c].length != d || stds[c].length != d) {
                throw new IllegalArgumentException("means[" + c + "] and stds[" + c + "] must have "
                        + d + " values, got " + means[c].length + " and " + stds[c].length);
            }
            for (int j = 0; j < d; j++) {
                this.means[c * d + j] = Check.finite("means[" + c + "][" + j + "]", means[c][j]);
                double s = Check.positive("stds[" + c + "][" + j + "]", stds[c][j]);
                this.variances[c * d + j] = s * s;
            }
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("weights must sum to 1 (within 1e-9), got " + total);
        }
    }

    /** A mixture with isotropic components: N(mu_k, s_k^2 I). */
    public static GaussianMixture isotropic(double[] weights, double[][] means, double[] stds) {
        Check.notNull("stds", stds);
        Check.notNull("means", means);
        double[][] full = new double[stds.length][];
        for (int c = 0; c < stds.length; c++) {
            int dim = c < means.length && means[c] != null ? means[c].length : 0;
            full[c] = new double[dim];
            java.util.Arrays.fill(full[c], stds[c]);
        }
        return new GaussianMixture(weights, means, full);
    }

    /**
     * The 2D toy of NCSN (Song and Ermon 2019): 0.8 N((-5, -5), I) + 0.2 N((5, 5), I). Plain
     * Langevin dynamics get the 0.8/0.2 weights wrong, annealed Langevin gets them right.
     */
    public static GaussianMixture ncsnToy() {
        return isotropic(new double[] {0.8, 0.2},
                new double[][] {{-5, -5}, {5, 5}}, new double[] {1, 1});
    }

    /** Eight equal Gaussians N(mu_k, std^2 I) with mu_k = radius (cos 2 pi k/8, sin 2 pi k/8). */
    public static GaussianMixture eightGaussians(double radius, double std) {
        Check.positive("radius", radius);
        double[] w = new double[8];
        double[][] mu = new double[8][];
        double[] s = new double[8];
        for (int c = 0; c < 8; c++) {
            double a = 2 * Math.PI * c / 8;
            w[c] = 1.0 / 8;
            mu[c] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
            s[c] = std;
        }
        return isotropic(w, mu, s);
    }

    /** Eight Gaussians on the circle of radius 2 with std 0.1 (a common 2D benchmark layout). */
    public static GaussianMixture eightGaussians() {
        return eightGaussians(2.0, 0.1);
    }

    /** A 1D mixture sum_k pi_k N(mu_k, s_k^2). */
    public static GaussianMixture oneDimensional(double[] weights, double[] means, double[] stds) {
        Check.notNull("means", means);
        double[][] mu = new double[means.length][];
        for (int c = 0; c < means.length; c++) {
            mu[c] = new double[] {means[c]};
        }
        return isotropic(weights, mu, stds);
    }

    /** A skewed bimodal 1D mixture: 0.3 N(-1, 0.3^2) + 0.7 N(2, 0.5^2). */
    public static GaussianMixture bimodal1d() {
        return oneDimensional(new double[] {0.3, 0.7}, new double[] {-1, 2}, new double[] {0.3, 0.5});
    }

    /** Number of components K. */
    public int components() {
        return k;
    }

    @Override
    public long dim() {
        return d;
    }

    /** The weights pi_k (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** The mean of component c (a copy). */
    public double[] mean(int c) {
        Check.closed("c", c, 0, k - 1);
        return java.util.Arrays.copyOfRange(means, c * d, (c + 1) * d);
    }

    /** The standard deviations of component c (a copy). */
    public double[] std(int c) {
        Check.closed("c", c, 0, k - 1);
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            s[j] = Math.sqrt(variances[c * d + j]);
        }
        return s;
    }

    /** D(x; sigma) = sum_k r_k (s_k^2 x + sigma^2 mu_k) / (s_k^2 + sigma^2). */
    @Override
    public NDArray denoise(NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        return Batch.map(x, d, DataType.FLOAT64, Batch.Out.LIKE_INPUT, xs -> {
            NDManager m = xs.getManager();
            NDArray x3 = xs.reshape(-1, 1, d);
            NDArray r = logTerms(x3, sigma).softmax(1).expandDims(2);         // (B, K, 1)
            NDArray s2 = m.create(variances, new Shape(1, k, d));
            NDArray dk = x3.mul(s2).add(mu(m).mul(sigma * sigma)).div(s2.add(sigma * sigma));
            return dk.mul(r).sum(new int[] {1});
        });
    }

    /** score(x; sigma) = -sum_k r_k (x - mu_k) / (s_k^2 + sigma^2), computed directly. */
    @Override
    public NDArray score(NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        return Batch.map(x, d, DataType.FLOAT64, Batch.Out.LIKE_INPUT, xs -> {
            NDManager m = xs.getManager();
            NDArray x3 = xs.reshape(-1, 1, d);
            NDArray r = logTerms(x3, sigma).softmax(1).expandDims(2);
            NDArray v = m.create(variances, new Shape(1, k, d)).add(sigma * sigma);
            return x3.sub(mu(m)).div(v).mul(r).sum(new int[] {1}).neg();
        });
    }

    /** log p(x; sigma) = logsumexp_k [ln pi_k + ln N(x; mu_k, diag(s_k^2 + sigma^2))]. */
    @Override
    public NDArray logDensity(NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        return Batch.map(x, d, DataType.FLOAT64, Batch.Out.PER_SAMPLE, xs -> {
            NDArray t = logTerms(xs.reshape(-1, 1, d), sigma);             // (B, K)
            NDArray top = t.max(new int[] {1}, true);
            return t.sub(top).exp().sum(new int[] {1}, true).log().add(top).reshape(-1);
        });
    }

    /** ln pi_k + ln N(x; mu_k, diag(v_k)), shape (B, K), for x of shape (B, 1, d). */
    private NDArray logTerms(NDArray x3, double sigma) {
        NDManager m = x3.getManager();
        NDArray v = m.create(variances, new Shape(1, k, d)).add(sigma * sigma);
        NDArray quad = x3.sub(mu(m)).square().div(v).add(v.mul(2 * Math.PI).log())
                .sum(new int[] {2}).mul(-0.5);
        return quad.add(m.create(weights, new Shape(1, k)).log());
    }

    private NDArray mu(NDManager m) {
        return m.create(means, new Shape(1, k, d));
    }

    /**
     * n samples of p_data, shape (n, d) float64, in {@code manager}. Sample i draws from
     * {@code new NoiseStream(seed).rng(i, 0)}: one uniform picks the component by the cumulative
     * weights, then d standard normals z give mu_k + s_k z; so sample i is the same for every n.
     */
    public NDArray sample(NDManager manager, int n, long seed) {
        Check.notNull("manager", manager);
        Check.atLeast("n", n, 0);
        NoiseStream stream = new NoiseStream(seed);
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            SampleRng rng = stream.rng(i, 0);
            int c = pick(rng.nextDouble());
            for (int j = 0; j < d; j++) {
                out[i * d + j] = means[c * d + j] + Math.sqrt(variances[c * d + j]) * rng.nextGaussian();
            }
        }
        return manager.create(out, new Shape(n, d));
    }

    private int pick(double u) {
        double cumulative = 0;
        for (int c = 0; c < k; c++) {
            cumulative += weights[c];
            if (u < cumulative) {
                return c;
            }
        }
        return k - 1; // u beyond a cumulative sum rounded just below 1
    }
}
