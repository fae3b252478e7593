package edm.metric;

import edm.Check;
import edm.denoise.GaussianMixture;

/**
 * How samples of a Gaussian mixture p = sum_k pi_k N(mu_k, diag(s_k^2)) distribute over its modes.
 * Each sample x is assigned to the component of largest posterior at sigma = 0,
 * k(x) = argmax_k [ln pi_k + ln N(x; mu_k, diag(s_k^2))], and then
 * <pre>
 *   w_k      = #{x : k(x) = k} / n                                   (mode weights)
 *   error    = sum_k |w_k - pi_k|                                   (total variation x 2 of the weights)
 *   r_k      = mean over assigned x and coordinates j of (x_j - mu_kj)^2 / s_kj^2   (variance ratio, 1 if right)
 * </pre>
 * With well separated modes the assignment is almost always the true component, so w_k estimates
 * the mass a sampler puts on mode k and r_k its spread within the mode (r &lt; 1: too narrow, r &gt; 1: too wide).
 *
 * @param weights w_k
 * @param varianceRatio r_k (NaN for a mode with no sample)
 * @param weightError sum_k |w_k - pi_k|
 * @param meanVarianceRatio sum_k pi_k r_k over the modes that got samples, renormalized
 */
public record ModeStats(double[] weights, double[] varianceRatio, double weightError, double meanVarianceRatio) {

    /** The statistics of the rows of {@code x} (n x d) under {@code mixture}. */
    public static ModeStats of(GaussianMixture mixture, double[][] x) {
        Check.notNull("mixture", mixture);
        Check.notNull("x", x);
        Check.atLeast("x.length", x.length, 1);
        int k = mixture.components();
        int d = (int) mixture.dim();
        double[] pi = mixture.weights();
        double[][] mu = new double[k][];
        double[][] s2 = new double[k][d];
        for (int c = 0; c < k; c++) {
            mu[c] = mixture.mean(c);
            double[] s = mixture.std(c);
            for (int j = 0; j < d; j++) s2[c][j] = s[j] * s[j];
        }
        int[] count = new int[k];
        double[] sq = new double[k];
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("every row must have d = " + d + " values, got " + row.length);
            }
            int best = 0;
            double bestLog = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double l = Math.log(pi[c]);
                for (int j = 0; j < d; j++) {
                    double z = row[j] - mu[c][j];
                    l -= 0.5 * (z * z / s2[c][j] + Math.log(2 * Math.PI * s2[c][j]));
                }
                if (l > bestLog) {
                    bestLog = l;
                    best = c;
                }
            }
            count[best]++;
            for (int j = 0; j < d; j++) {
                double z = row[j] - mu[best][j];
                sq[best] += z * z / s2[best][j];
            }
        }
        double[] w = new double[k];
        double[] r = new double[k];
        double err = 0, num = 0, den = 0;
        for (int c = 0; c < k; c++) {
            w[c] = (double) count[c] / x.length;
            err += Math.abs(w[c] - pi[c]);
            r[c] = count[c] == 0 ? Double.NaN : sq[c] / ((double) count[c] * d);
            if (count[c] > 0) {
                num += pi[c] * r[c];
                den += pi[c];
            }
        }
        return new ModeStats(w, r, err, num / den);
    }
}
