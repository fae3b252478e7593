package edm.metric;

/**
 * The unbiased estimator of the squared maximum mean discrepancy (Gretton et al. 2012, eq. 3)
 * from kernel matrices of samples x_1..x_n ~ P and y_1..y_m ~ Q:
 * <pre>
 *   MMD_u^2 = 1/(n(n-1)) sum_{i != j} k(x_i, x_j) + 1/(m(m-1)) sum_{i != j} k(y_i, y_j)
 *             - 2/(n m) sum_{i, j} k(x_i, y_j).
 * </pre>
 * Its expectation is MMD^2(P, Q) exactly, so it scatters around 0 (and may be negative) when P = Q.
 */
final class UnbiasedMmd {
    private UnbiasedMmd() {}

    /** MMD_u^2 from Kxx (n x n), Kyy (m x m) and Kxy (n x m); diagonals of Kxx, Kyy are skipped. */
    static double fromKernels(double[][] kxx, double[][] kyy, double[][] kxy) {
        return offDiagonalMean(kxx) + offDiagonalMean(kyy) - 2 * mean(kxy);
    }

    private static double offDiagonalMean(double[][] k) {
        int n = k.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) s += k[i][j];
            }
        }
        return s / ((double) n * (n - 1));
    }

    private static double mean(double[][] k) {
        double s = 0;
        for (double[] row : k) {
            for (double v : row) s += v;
        }
        return s / ((double) k.length * k[0].length);
    }
}
