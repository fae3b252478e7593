package edm.metric;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.rand.NoiseStream;
import java.util.Arrays;

/**
 * The sliced Wasserstein-1 distance between two point sets in R^d (Rabin et al. 2011; Bonneel et
 * al. 2015):
 * <pre>
 *   SW_1(P, Q) = E_{theta ~ U(S^{d-1})} W_1(theta . P, theta . Q)
 *             ~ (1/L) sum_l W_1(theta_l . P, theta_l . Q)
 * </pre>
 * with L fixed directions theta_l (normalized Gaussian vectors from {@code new NoiseStream(seed)},
 * stream (l, 0)), so every call with the same settings uses the same directions. In one dimension
 * W_1(p, q) = int_0^1 |F_p^-1(u) - F_q^-1(u)| du, computed exactly for empirical distributions of any
 * sizes by merging their quantile steps (for equal sizes n: (1/n) sum_i |a_(i) - b_(i)| of the sorted
 * projections).
 *
 * @param projections L, the number of directions
 * @param seed seed of the directions
 */
public record SlicedWasserstein(int projections, long seed) {
    public SlicedWasserstein {
        Check.atLeast("projections", projections, 1);
    }

    /** 128 directions, seed 0. */
    public static SlicedWasserstein standard() {
        return new SlicedWasserstein(128, 0);
    }

    /** SW_1 between the rows of a (n x d) and b (m x d). */
    public double distance(double[][] a, double[][] b) {
        Check.notNull("a", a);
        Check.notNull("b", b);
        Check.atLeast("a.length", a.length, 1);
        Check.atLeast("b.length", b.length, 1);
        int d = a[0].length;
        if (b[0].length != d) {
            throw new IllegalArgumentException("b must have d = " + d + " columns like a, got " + b[0].length);
        }
        NoiseStream stream = new NoiseStream(seed);
        double total = 0;
        for (int l = 0; l < projections; l++) {
            double[] theta = stream.normals(l, 0, d);
            double norm = 0;
            for (double t : theta) norm += t * t;
            norm = Math.sqrt(norm);
            total += w1(project(a, theta, norm), project(b, theta, norm));
        }
        return total / projections;
    }

    /**
     * SW_1 between the rows of two batches of shape (n, ...) and (m, ...); trailing axes are
     * flattened, so each row is one point of R^d. Same directions as {@link #distance(double[][], double[][])}.
     */
    public double distance(NDArray a, NDArray b) {
        return distance(rows(a), rows(b));
    }

    /** The rows of a batch (n, ...) as n arrays of d = size/n values (float64 copies). */
    public static double[][] rows(NDArray x) {
        Check.notNull("x", x);
        Check.atLeast("x.dimension", x.getShape().dimension(), 1);
        int n = (int) x.getShape().get(0);
        Check.atLeast("x rows", n, 1);
        int d = (int) (x.getShape().size() / n);
        double[] v = x.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = Arrays.copyOfRange(v, i * d, (i + 1) * d);
        return out;
    }

    private static double[] project(double[][] points, double[] theta, double norm) {
        double[] p = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != theta.length) {
                throw new IllegalArgumentException("every row must have " + theta.length + " values, row " + i
                        + " has " + points[i].length);
            }
            double s = 0;
            for (int j = 0; j < theta.length; j++) s += points[i][j] * theta[j];
            p[i] = s / norm;
        }
        return p;
    }

    /** W_1 between two 1D empirical distributions: int_0^1 |F^-1(u) - G^-1(u)| du. */
    public static double w1(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int n = x.length, m = y.length;
        int i = 0, j = 0;
        double u = 0, total = 0;
        while (i < n && j < m) {
            double nextA = (double) (i + 1) / n;
            double nextB = (double) (j + 1) / m;
            double next = Math.min(nextA, nextB);
            total += (next - u) * Math.abs(x[i] - y[j]);
            u = next;
            if (nextA <= next) i++;
            if (nextB <= next) j++;
        }
        return total;
    }
}
