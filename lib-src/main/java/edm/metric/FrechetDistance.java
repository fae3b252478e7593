package edm.metric;

import edm.Check;
import edm.linalg.SymmetricEigen;

/**
 * The Frechet distance (squared 2-Wasserstein distance) between two Gaussians,
 * <pre>
 *   FD = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1^{1/2} S2 S1^{1/2})^{1/2}),
 * </pre>
 * the quantity behind FID (Heusel et al. 2017) when the features come from Inception-v3. Here the
 * features are whatever the caller supplies; name the result after them (e.g. "FD on
 * MNIST-classifier features").
 *
 * <p><b>Numerics.</b> The reference code takes sqrtm(S1 S2) of a non-symmetric product. This class
 * uses the symmetric form instead: with S1 = V diag(l) V^T, R = S1^{1/2} = V diag(sqrt l) V^T, and
 * M = R S2 R is symmetric positive semi-definite with the same eigenvalues as S1 S2, so
 * Tr((S1^{1/2} S2 S1^{1/2})^{1/2}) = sum_k sqrt(eig_k(M)). Both decompositions are symmetric
 * (LAPACK dsyev through {@link SymmetricEigen}), which is backward stable. Rounding can leave
 * eigenvalues of a semi-definite matrix slightly below zero (about -1e-16 times the largest); they
 * are clamped to 0 before the square root, which changes FD by at most sqrt of that rounding. M is
 * symmetrized, (M + M^T)/2, before its decomposition for the same reason.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** FD between the Gaussians fitted to feature sets {@code x} and {@code y} (n x d each, n >= 2). */
    public static double of(double[][] x, double[][] y) {
        Features.sameDim("x", x, "y", y, 2);
        return between(GaussianFit.of(x), GaussianFit.of(y));
    }

    /** FD = ||mu1 - mu2||^2 + Tr S1 + Tr S2 - 2 Tr (S1^{1/2} S2 S1^{1/2})^{1/2}. */
    public static double between(GaussianFit a, GaussianFit b) {
        Check.notNull("a", a);
        Check.notNull("b", b);
        int d = a.dim();
        if (b.dim() != d) {
            throw new IllegalArgumentException("a and b must have the same dimension, got " + d
                    + " and " + b.dim());
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mu()[j] - b.mu()[j];
            meanTerm += diff * diff;
        }
        double trace = 0;
        for (int j = 0; j < d; j++) trace += a.sigma()[j][j] + b.sigma()[j][j];
        return meanTerm + trace - 2 * traceSqrtProduct(a.sigma(), b.sigma());
    }

    /**
     * Tr (S1^{1/2} S2 S1^{1/2})^{1/2} = sum_k sqrt(max(eig_k, 0)), the trace of the geometric-mean
     * term, computed with symmetric eigendecompositions (see the class comment).
     */
    public static double traceSqrtProduct(double[][] s1, double[][] s2) {
        int d = s1.length;
        double[][] r = SymmetricEigen.of(s1).apply(l -> Math.sqrt(Math.max(l, 0)));
        double[][] rs2 = multiply(r, s2);
        double[][] m = multiply(rs2, r);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = avg;
                m[j][i] = avg;
            }
        }
        double sum = 0;
        for (double l : SymmetricEigen.of(m).values()) sum += Math.sqrt(Math.max(l, 0));
        return sum;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            for (int l = 0; l < k; l++) {
                double ail = a[i][l];
                if (ail == 0) continue;
                double[] bl = b[l];
                for (int j = 0; j < m; j++) ci[j] += ail * bl[j];
            }
        }
        return c;
    }
}
