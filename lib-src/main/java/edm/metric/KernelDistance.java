package edm.metric;

import edm.Check;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The kernel distance of Binkowski et al. (2018), "KID" when the features come from Inception-v3:
 * the unbiased MMD^2 (see {@link #unbiased}) with the cubic polynomial kernel
 * <pre>
 *   k(x, y) = (x . y / d + 1)^3,
 * </pre>
 * averaged over {@code subsets} pairs of random subsets of {@code subsetSize} rows of each set
 * (drawn without replacement within a subset, independently across subsets, from a seeded
 * generator), as in the authors' code (defaults there: 100 subsets of 1000).
 *
 * <p>Unlike FD, the estimate is unbiased for every sample size, so its value at P = Q scatters
 * around 0 and may be slightly negative.
 */
public final class KernelDistance {
    /** Default number of subsets, as in Binkowski et al.'s code. */
    public static final int DEFAULT_SUBSETS = 100;
    /** Default subset size, as in Binkowski et al.'s code (capped at the sample sizes). */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    private KernelDistance() {}

    /**
     * The average of the subset estimates, their standard deviation s and the number of subsets K.
     * Subsets drawn from the same finite samples overlap, so the error of {@code mean} lies between
     * s / sqrt(K) (disjoint subsets) and s (identical subsets); {@link #standardError()} is the
     * optimistic s / sqrt(K).
     *
     * @param mean the average of the K subset estimates of MMD_u^2
     * @param sd the sample standard deviation s of the K subset estimates (0 when K = 1)
     * @param subsets K
     * @param subsetSize rows per subset
     */
    public record Estimate(double mean, double sd, int subsets, int subsetSize) {
        /** s / sqrt(K). */
        public double standardError() {
            return sd / Math.sqrt(subsets);
        }
    }

    /** The cubic polynomial kernel (x . y / d + 1)^3. */
    public static double kernel(double[] x, double[] y) {
        Check.notNull("x", x);
        Check.notNull("y", y);
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("x and y must have the same positive length, got "
                    + x.length + " and " + y.length);
        }
        double dot = 0;
        for (int j = 0; j < x.length; j++) dot += x[j] * y[j];
        double t = dot / x.length + 1;
        return t * t * t;
    }

    /** KID with the default subsets: min(1000, n, m) rows, 100 subsets. */
    public static Estimate of(double[][] x, double[][] y, long seed) {
        Features.sameDim("x", x, "y", y, 2);
        int size = Math.min(DEFAULT_SUBSET_SIZE, Math.min(x.length, y.length));
        return of(x, y, DEFAULT_SUBSETS, size, seed);
    }

    /**
     * KID = (1/K) sum_k MMD_u^2(x_{S_k}, y_{T_k}) over K = {@code subsets} random index sets S_k, T_k
     * of {@code subsetSize} rows.
     *
     * @param x n x d features, n >= subsetSize
     * @param y m x d features, m >= subsetSize
     * @param subsets K >= 1
     * @param subsetSize rows per subset, 2 <= subsetSize <= min(n, m)
     * @param seed seed of the subset draws
     */
    public static Estimate of(double[][] x, double[][] y, int subsets, int subsetSize, long seed) {
        int d = Features.sameDim("x", x, "y", y, 2);
        Check.atLeast("subsets", subsets, 1);
        Check.atLeast("subsetSize", subsetSize, 2);
        if (subsetSize > Math.min(x.length, y.length)) {
            throw new IllegalArgumentException("subsetSize must be <= min(x.length, y.length) = "
                    + Math.min(x.length, y.length) + ", got " + subsetSize);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] est = new double[subsets];
        for (int k = 0; k < subsets; k++) {
            int[] s = Subsets.draw(rng, x.length, subsetSize);
            int[] t = Subsets.draw(rng, y.length, subsetSize);
            est[k] = mmd(x, s, y, t, d);
        }
        double mean = 0;
        for (double e : est) mean += e;
        mean /= subsets;
        double var = 0;
        for (double e : est) var += (e - mean) * (e - mean);
        double sd = subsets > 1 ? Math.sqrt(var / (subsets - 1)) : 0;
        return new Estimate(mean, sd, subsets, subsetSize);
    }

    /** MMD_u^2 with the cubic kernel on all rows of {@code x} and {@code y} (no subsets). */
    public static double unbiased(double[][] x, double[][] y) {
        int d = Features.sameDim("x", x, "y", y, 2);
        return mmd(x, null, y, null, d);
    }

    private static double mmd(double[][] x, int[] s, double[][] y, int[] t, int d) {
        INDArray xs = Gram.rows(x, s);
        INDArray ys = Gram.rows(y, t);
        return UnbiasedMmd.fromKernels(cube(Gram.dot(xs, xs), d), cube(Gram.dot(ys, ys), d),
                cube(Gram.dot(xs, ys), d));
    }

    private static double[][] cube(double[][] g, int d) {
        for (double[] row : g) {
            for (int j = 0; j < row.length; j++) {
                double v = row[j] / d + 1;
                row[j] = v * v * v;
            }
        }
        return g;
    }
}
