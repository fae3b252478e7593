package edm.metric;

import edm.Check;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The unbiased squared maximum mean discrepancy MMD_u^2 (Gretton et al. 2012) with the Gaussian
 * (RBF) kernel of bandwidth h,
 * <pre>
 *   k(x, y) = exp(-||x - y||^2 / (2 h^2)),
 *   MMD_u^2 = 1/(n(n-1)) sum_{i != j} k(x_i, x_j) + 1/(m(m-1)) sum_{i != j} k(y_i, y_j)
 *             - 2/(n m) sum_{i, j} k(x_i, y_j).
 * </pre>
 * For P = N(0, s^2 I_d), Q = N(v, s^2 I_d) the population value is
 * MMD^2 = 2 (h^2 / (h^2 + 2 s^2))^{d/2} (1 - exp(-||v||^2 / (2 (h^2 + 2 s^2)))), which the tests
 * check. The full n x n, m x m and n x m kernel matrices are formed, so keep n, m to a few
 * thousand.
 */
public final class GaussianMmd {
    /** Largest pooled sample the median heuristic uses; larger pools are subsampled (seeded). */
    public static final int MEDIAN_POOL = 2000;

    private GaussianMmd() {}

    /** MMD_u^2 with bandwidth {@code h > 0}. */
    public static double of(double[][] x, double[][] y, double h) {
        Features.sameDim("x", x, "y", y, 2);
        Check.positive("h", h);
        INDArray xs = Gram.rows(x, null);
        INDArray ys = Gram.rows(y, null);
        double[] nx = Gram.squaredNorms(x, null);
        double[] ny = Gram.squaredNorms(y, null);
        return UnbiasedMmd.fromKernels(rbf(Gram.dot(xs, xs), nx, nx, h),
                rbf(Gram.dot(ys, ys), ny, ny, h), rbf(Gram.dot(xs, ys), nx, ny, h));
    }

    /** MMD_u^2 with the bandwidth h = {@link #medianBandwidth}(x, y, seed). */
    public static double withMedianBandwidth(double[][] x, double[][] y, long seed) {
        return of(x, y, medianBandwidth(x, y, seed));
    }

    /**
     * The median heuristic: h = median of ||z_i - z_j|| over pairs i < j of the pooled sample
     * z = x union y (a seeded random subset of {@link #MEDIAN_POOL} points when the pool is larger).
     *
     * @throws IllegalArgumentException if that median is 0 (more than half the pairs coincide)
     */
    public static double medianBandwidth(double[][] x, double[][] y, long seed) {
        int d = Features.sameDim("x", x, "y", y, 1);
        int total = x.length + y.length;
        int[] pick = total > MEDIAN_POOL
                ? Subsets.draw(new SplittableRandom(seed), total, MEDIAN_POOL) : null;
        int n = pick == null ? total : pick.length;
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            int k = pick == null ? i : pick[i];
            z[i] = k < x.length ? x[k] : y[k - x.length];
        }
        double[] dist = new double[n * (n - 1) / 2];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    double diff = z[i][l] - z[j][l];
                    s += diff * diff;
                }
                dist[p++] = s;
            }
        }
        Arrays.sort(dist);
        int m = dist.length;
        double median2 = m % 2 == 1 ? dist[m / 2] : 0.5 * (dist[m / 2 - 1] + dist[m / 2]);
        if (!(median2 > 0)) {
            throw new IllegalArgumentException("x and y: the median pairwise distance is 0, so the"
                    + " median heuristic gives no bandwidth; pass h explicitly");
        }
        return Math.sqrt(median2);
    }

    private static double[][] rbf(double[][] g, double[] na, double[] nb, double h) {
        double scale = -1 / (2 * h * h);
        for (int i = 0; i < g.length; i++) {
            double[] row = g[i];
            for (int j = 0; j < row.length; j++) {
                double d2 = Math.max(na[i] + nb[j] - 2 * row[j], 0);
                row[j] = Math.exp(scale * d2);
            }
        }
        return g;
    }
}
