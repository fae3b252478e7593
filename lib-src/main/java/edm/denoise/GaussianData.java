package edm.denoise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.rand.NoiseStream;
import java.util.Arrays;

/**
 * Gaussian data y ~ N(mu, diag(c^2)) in R^d: the one data distribution whose probability-flow ODE
 * has a closed-form solution.
 *
 * <p><b>Denoiser.</b> The noised data are N(mu, diag(c^2 + sigma^2)) and, per coordinate,
 * D(x; sigma) = E[y | y + n = x] = mu + c^2 / (c^2 + sigma^2) (x - mu).
 *
 * <p><b>PF-ODE.</b> With s = 1, sigma = t the ODE is dx/dsigma = (x - D(x; sigma)) / sigma. Insert D:
 * x - D = (1 - c^2/(c^2+sigma^2)) (x - mu) = sigma^2/(c^2+sigma^2) (x - mu), so
 * d(x - mu)/dsigma = sigma/(c^2 + sigma^2) (x - mu) = (1/2) d ln(c^2 + sigma^2)/dsigma (x - mu).
 * Integrating from sigma_a to sigma_b:
 *
 * <pre>
 *   x(sigma_b) = mu + sqrt((c^2 + sigma_b^2) / (c^2 + sigma_a^2)) (x(sigma_a) - mu)    (per coordinate)
 * </pre>
 *
 * The flow is a per-coordinate rescaling about mu that maps N(mu, c^2 + sigma_a^2) onto
 * N(mu, c^2 + sigma_b^2), as a PF-ODE must. All arithmetic is float64.
 */
public final class GaussianData implements ExactDenoiser {
    private final double[] mu;
    private final double[] c2;

    /**
     * @param mu the mean, d finite values
     * @param c the standard deviations, d positive values
     */
    public GaussianData(double[] mu, double[] c) {
        Check.notNull("mu", mu);
        Check.notNull("c", c);
        Check.atLeast("mu.length", mu.length, 1);
        if (c.length != mu.length) {
            throw new IllegalArgumentException("c must have mu.length = " + mu.length
                    + " values, got " + c.length);
        }
        this.mu = mu.clone();
        this.c2 = new double[c.length];
        for (int j = 0; j < mu.length; j++) {
            Check.finite("mu[" + j + "]", mu[j]);
            double cj = Check.positive("c[" + j + "]", c[j]);
            c2[j] = cj * cj;
        }
    }

    /** N(mu 1, c^2 I) in R^d. */
    public static GaussianData isotropic(int d, double mu, double c) {
        Check.atLeast("d", d, 1);
        double[] m = new double[d];
        double[] s = new double[d];
        Arrays.fill(m, mu);
        Arrays.fill(s, c);
        return new GaussianData(m, s);
    }

    @Override
    public long dim() {
        return mu.length;
    }

    /** The mean mu (a copy). */
    public double[] mean() {
        return mu.clone();
    }

    /** The standard deviations c (a copy). */
    public double[] std() {
        return Arrays.stream(c2).map(Math::sqrt).toArray();
    }

    /** The same distribution as a one-component {@link GaussianMixture}. */
    public GaussianMixture asMixture() {
        return new GaussianMixture(new double[] {1}, new double[][] {mean()}, new double[][] {std()});
    }

    /** D(x; sigma) = mu + c^2 / (c^2 + sigma^2) (x - mu). */
    @Override
    public NDArray denoise(NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        double[] gain = new double[c2.length];
        for (int j = 0; j < gain.length; j++) {
            gain[j] = c2[j] / (c2[j] + sigma * sigma);
        }
        return affine(x, gain);
    }

    /**
     * The exact PF-ODE solution x(sigmaTo) = mu + sqrt((c^2 + sigmaTo^2)/(c^2 + sigmaFrom^2)) (x - mu)
     * from x = x(sigmaFrom); either level may be 0.
     */
    public NDArray flow(NDArray x, double sigmaFrom, double sigmaTo) {
        Check.nonNegative("sigmaFrom", sigmaFrom);
        Check.nonNegative("sigmaTo", sigmaTo);
        double[] gain = new double[c2.length];
        for (int j = 0; j < gain.length; j++) {
            gain[j] = Math.sqrt((c2[j] + sigmaTo * sigmaTo) / (c2[j] + sigmaFrom * sigmaFrom));
        }
        return affine(x, gain);
    }

    /** mu + gain (x - mu), per coordinate. */
    private NDArray affine(NDArray x, double[] gain) {
        return Batch.map(x, mu.length, DataType.FLOAT64, Batch.Out.LIKE_INPUT, xs -> {
            NDManager m = xs.getManager();
            NDArray mean = m.create(mu, new Shape(1, mu.length));
            return xs.sub(mean).mul(m.create(gain, new Shape(1, gain.length))).add(mean);
        });
    }

    /** log p(x; sigma) = -1/2 sum_j [(x_j - mu_j)^2 / (c_j^2 + sigma^2) + ln(2 pi (c_j^2 + sigma^2))]. */
    @Override
    public NDArray logDensity(NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        double[] v = new double[c2.length];
        double logNorm = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = c2[j] + sigma * sigma;
            logNorm += Math.log(2 * Math.PI * v[j]);
        }
        double constant = -0.5 * logNorm;
        return Batch.map(x, mu.length, DataType.FLOAT64, Batch.Out.PER_SAMPLE, xs -> {
            NDManager m = xs.getManager();
            NDArray z2 = xs.sub(m.create(mu, new Shape(1, mu.length))).square()
                    .div(m.create(v, new Shape(1, v.length)));
            return z2.sum(new int[] {1}).mul(-0.5).add(constant);
        });
    }

    /**
     * n samples, shape (n, d) float64: sample i is mu + c z with z the normals of
     * {@code new NoiseStream(seed).rng(i, 0)}.
     */
    public NDArray sample(NDManager manager, int n, long seed) {
        Check.notNull("manager", manager);
        Check.atLeast("n", n, 0);
        int d = mu.length;
        NoiseStream stream = new NoiseStream(seed);
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            stream.rng(i, 0).fillGaussian(out, i * d, d);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = mu[j] + Math.sqrt(c2[j]) * out[i * d + j];
            }
        }
        return manager.create(out, new Shape(n, d));
    }
}
