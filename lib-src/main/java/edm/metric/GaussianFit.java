package edm.metric;

import edm.Check;

/**
 * The Gaussian N(mu, Sigma) fitted to a feature set by its moments: for n rows x_i of dimension d,
 * mu = (1/n) sum_i x_i and Sigma = 1/(n - 1) sum_i (x_i - mu)(x_i - mu)^T (the unbiased sample
 * covariance, as in the reference FID code).
 *
 * @param mu the mean, d values
 * @param sigma the covariance, d x d, symmetric positive semi-definite
 * @param n the number of rows it was fitted to
 */
public record GaussianFit(double[] mu, double[][] sigma, int n) {

    /** Validates shapes: mu has d entries, sigma is d x d, n >= 1. */
    public GaussianFit {
        Check.notNull("mu", mu);
        Check.notNull("sigma", sigma);
        Check.atLeast("n", n, 1);
        if (sigma.length != mu.length) {
            throw new IllegalArgumentException("sigma must have mu.length = " + mu.length
                    + " rows, got " + sigma.length);
        }
        for (int i = 0; i < sigma.length; i++) {
            if (sigma[i].length != mu.length) {
                throw new IllegalArgumentException("sigma must be " + mu.length + " x " + mu.length
                        + ", row " + i + " has length " + sigma[i].length);
            }
        }
    }

    /**
     * Fits mu and Sigma to the rows of {@code x} (n x d, n >= 2).
     *
     * @throws IllegalArgumentException if x has fewer than 2 rows, ragged rows or non-finite values
     */
    public static GaussianFit of(double[][] x) {
        int d = Features.dim("x", x, 2);
        int n = x.length;
        double[] mu = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) mu[j] += row[j];
        }
        for (int j = 0; j < d; j++) mu[j] /= n;
        double[][] s = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) c[j] = row[j] - mu[j];
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                if (ci == 0) continue;
                double[] si = s[i];
                for (int j = i; j < d; j++) si[j] += ci * c[j];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                s[i][j] /= n - 1;
                s[j][i] = s[i][j];
            }
        }
        return new GaussianFit(mu, s, n);
    }

    /** d, the dimension. */
    public int dim() {
        return mu.length;
    }
}
