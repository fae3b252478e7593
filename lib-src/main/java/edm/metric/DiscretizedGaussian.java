package edm.metric;

import edm.Check;

/**
 * The discretized Gaussian decoder of Ho et al. (2020, eq. 13) for data with L evenly spaced levels
 * scaled to [-1, 1] (L = 256 for 8-bit images, L = 17 for the 8x8 digits): level k in 0..L-1 sits
 * at x_k = 2k/(L-1) - 1, and with half-width delta = 1/(L-1)
 * <pre>
 *   p(x_k | mu, sigma) = Phi((x_k + delta - mu)/sigma) - Phi((x_k - delta - mu)/sigma),
 * </pre>
 * except that the lowest bin extends to -infinity and the highest to +infinity, so the L
 * probabilities sum to 1 exactly. Logarithms come from {@link NormalCdf#logIntervalProbability},
 * stable far into the tails. The decoder gives L_0 = -log p(x_0 | x_1) of DDPM's bound;
 * {@link #bitsPerDim} converts a bound in nats per image to the bits/dim the papers report.
 */
public final class DiscretizedGaussian {
    private final int levels;
    private final double delta;

    private DiscretizedGaussian(int levels) {
        this.levels = levels;
        this.delta = 1.0 / (levels - 1);
    }

    /** L = 256 levels: 8-bit data scaled by x = 2v/255 - 1, bins of width 2/255. */
    public static DiscretizedGaussian eightBit() {
        return new DiscretizedGaussian(256);
    }

    /** L >= 2 levels in [-1, 1], bins of width 2/(L-1). */
    public static DiscretizedGaussian ofLevels(int levels) {
        return new DiscretizedGaussian(Check.atLeast("levels", levels, 2));
    }

    /** L, the number of levels. */
    public int levels() {
        return levels;
    }

    /** x_k = 2k/(L-1) - 1. */
    public double level(int k) {
        Check.closed("k", k, 0, levels - 1);
        return 2.0 * k / (levels - 1) - 1;
    }

    /** The level index k of a value x, which must lie within 1e-4 bin widths of the grid. */
    public int index(double x) {
        Check.closed("x", x, -1 - 1e-6, 1 + 1e-6);
        double u = (x + 1) / (2 * delta);
        long k = Math.round(u);
        if (Math.abs(u - k) > 1e-4) {
            throw new IllegalArgumentException("x must be one of the " + levels
                    + " levels 2k/" + (levels - 1) + " - 1, got " + x);
        }
        return (int) k;
    }

    /** log p(x_k | mu, sigma) for level index k, sigma > 0. */
    public double logProbability(int k, double mu, double sigma) {
        Check.closed("k", k, 0, levels - 1);
        Check.finite("mu", mu);
        Check.positive("sigma", sigma);
        double x = level(k);
        double lo = k == 0 ? Double.NEGATIVE_INFINITY : (x - delta - mu) / sigma;
        double hi = k == levels - 1 ? Double.POSITIVE_INFINITY : (x + delta - mu) / sigma;
        return NormalCdf.logIntervalProbability(lo, hi);
    }

    /** log p(x | mu, sigma) for a value x on the grid (see {@link #index}). */
    public double logProbability(double x, double mu, double sigma) {
        return logProbability(index(x), mu, sigma);
    }

    /**
     * log p(x | mu, sigma) = sum_i log p(x_i | mu_i, sigma_i) over the D values of one image, in
     * nats (the negative of L_0 for that image).
     *
     * @param x D values on the grid
     * @param mu D decoder means
     * @param sigma D decoder standard deviations > 0 (e.g. sigma_1 = sqrt(beta_1) in DDPM)
     */
    public double logLikelihood(double[] x, double[] mu, double[] sigma) {
        Check.notNull("x", x);
        Check.notNull("mu", mu);
        Check.notNull("sigma", sigma);
        if (mu.length != x.length || sigma.length != x.length) {
            throw new IllegalArgumentException("x, mu and sigma must have the same length, got "
                    + x.length + ", " + mu.length + " and " + sigma.length);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) sum += logProbability(x[i], mu[i], sigma[i]);
        return sum;
    }

    /** As {@link #logLikelihood(double[], double[], double[])} with one sigma for every value. */
    public double logLikelihood(double[] x, double[] mu, double sigma) {
        Check.notNull("x", x);
        double[] s = new double[x.length];
        java.util.Arrays.fill(s, sigma);
        return logLikelihood(x, mu, s);
    }

    /**
     * Bits per dimension of a negative log-likelihood (or bound) in nats per image:
     * bpd = nats / (D ln 2).
     *
     * @param natsPerImage -log p(x) in nats, >= 0
     * @param dims D, values per image, >= 1
     */
    public static double bitsPerDim(double natsPerImage, int dims) {
        Check.nonNegative("natsPerImage", natsPerImage);
        Check.atLeast("dims", dims, 1);
        return natsPerImage / (dims * Math.log(2));
    }
}
