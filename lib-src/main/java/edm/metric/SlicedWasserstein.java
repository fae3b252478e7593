package edm.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import edm.Check;
import java.util.Arrays;
import java.util.Random;

/**
 * The sliced 1-Wasserstein distance between two point sets in R^d,
 * <pre>
 *   SW_1(P, Q) = E_{theta ~ U(S^{d-1})} W_1(theta . P, theta . Q),
 * </pre>
 * estimated with L random directions theta_l (normalized standard Gaussian vectors from
 * {@code new java.util.Random(seed)}), each 1D distance exact (see {@link #wasserstein1}).
 *
 * <p>Two facts the tests check: shifting a set by v gives, in each direction, W_1 = |v . theta|
 * exactly, so SW_1 is the Monte Carlo mean of |v . theta|, whose expectation is
 * ||v|| E|theta_1| = ||v|| Gamma(d/2) / (sqrt(pi) Gamma((d+1)/2)): (2/pi) ||v|| in 2D and ||v||/2
 * in 3D. In 1D, SW_1 is W_1 itself, and W_1(N(0,1), N(m,1)) = |m|.
 */
public record SlicedWasserstein(int projections, long seed) {

    /** A distance with {@code projections} directions drawn from {@code seed}. */
    public SlicedWasserstein {
        Check.atLeast("projections", projections, 1);
    }

    /** The default estimator of the notebooks and the command line: 128 directions, seed 0. */
    public static SlicedWasserstein standard() {
        return new SlicedWasserstein(128, 0);
    }

    /** SW_1 between the rows of {@code a} and {@code b} with this object's directions. */
    public double distance(double[][] a, double[][] b) {
        return distance(a, b, projections, seed);
    }

    /** SW_1 between two batches of shape (n, ...) and (m, ...); trailing axes are flattened. */
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
        double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = Arrays.copyOfRange(v, i * d, (i + 1) * d);
        return out;
    }

    /**
     * SW_1 between the rows of {@code a} (n x d) and {@code b} (m x d) with {@code projections}
     * random directions.
     *
     * @param a n >= 1 points
     * @param b m >= 1 points of the same dimension d
     * @param projections L >= 1
     * @param seed seed of the directions
     */
    public static double distance(double[][] a, double[][] b, int projections, long seed) {
        int d = Features.sameDim("a", a, "b", b, 1);
        Check.atLeast("projections", projections, 1);
        double[][] theta = directions(d, projections, seed);
        double[] pa = new double[a.length];
        double[] pb = new double[b.length];
        double sum = 0;
        for (double[] t : theta) {
            project(a, t, pa);
            project(b, t, pb);
            sum += sortedWasserstein1(sort(pa), sort(pb));
        }
        return sum / projections;
    }

    /**
     * L unit vectors in R^d, uniform on the sphere S^{d-1}: theta = g / ||g||, g ~ N(0, I_d) from
     * {@code new java.util.Random(seed)}.
     */
    public static double[][] directions(int d, int projections, long seed) {
        Check.atLeast("d", d, 1);
        Check.atLeast("projections", projections, 1);
        Random rng = new Random(seed);
        double[][] theta = new double[projections][d];
        for (double[] t : theta) {
            double norm;
            do {
                norm = 0;
                for (int j = 0; j < d; j++) {
                    t[j] = rng.nextGaussian();
                    norm += t[j] * t[j];
                }
            } while (norm == 0);
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) t[j] /= norm;
        }
        return theta;
    }

    /**
     * The exact 1-Wasserstein distance between the empirical distributions of {@code a} (n
     * values) and {@code b} (m values), W_1 = int_0^1 |F_a^{-1}(u) - F_b^{-1}(u)| du, summed over
     * the pieces between the breakpoints i/n and j/m of the two sorted samples.
     */
    public static double wasserstein1(double[] a, double[] b) {
        Check.notNull("a", a);
        Check.notNull("b", b);
        Check.atLeast("a.length", a.length, 1);
        Check.atLeast("b.length", b.length, 1);
        for (int i = 0; i < a.length; i++) Check.finite("a[" + i + "]", a[i]);
        for (int i = 0; i < b.length; i++) Check.finite("b[" + i + "]", b[i]);
        return sortedWasserstein1(sort(a.clone()), sort(b.clone()));
    }

    private static double sortedWasserstein1(double[] a, double[] b) {
        long n = a.length;
        long m = b.length;
        if (n == m) {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.abs(a[i] - b[i]);
            return s / n;
        }
        // Breakpoints in units of 1/(n m): a's quantile steps at (i+1) m, b's at (j+1) n.
        int i = 0;
        int j = 0;
        long u = 0;
        double s = 0;
        while (i < n && j < m) {
            long nextA = (i + 1) * m;
            long nextB = (j + 1) * n;
            long next = Math.min(nextA, nextB);
            s += (next - u) * Math.abs(a[i] - b[j]);
            u = next;
            if (nextA == next) i++;
            if (nextB == next) j++;
        }
        return s / ((double) n * m);
    }

    private static void project(double[][] x, double[] t, double[] out) {
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int j = 0; j < t.length; j++) s += x[i][j] * t[j];
            out[i] = s;
        }
    }

    private static double[] sort(double[] v) {
        Arrays.sort(v);
        return v;
    }
}
