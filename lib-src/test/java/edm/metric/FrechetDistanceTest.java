package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
    private static double[][] diag(double... v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) m[i][i] = v[i];
        return m;
    }

    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        // FD = ||mu1 - mu2||^2 + sum_j (s1_j - s2_j)^2 with s the standard deviations.
        double[] mu1 = {0, 1, -2};
        double[] mu2 = {1, 1, 0};
        double[] s1 = {1, 2, 0.5};
        double[] s2 = {3, 0.25, 0.5};
        var a = new GaussianFit(mu1, diag(1, 4, 0.25), 10);
        var b = new GaussianFit(mu2, diag(9, 0.0625, 0.25), 10);
        double expected = 1 + 0 + 4;
        for (int j = 0; j < 3; j++) expected += (s1[j] - s2[j]) * (s1[j] - s2[j]);
        assertEquals(expected, FrechetDistance.between(a, b), 1e-10);
    }

    @Test
    void fullCovarianceIsInvariantToACommonRotation() {
        // A common rotation U leaves FD unchanged: FD(U a, U b) = FD(a, b).
        Random r = new Random(1);
        double[][] x = sample(r, 500, 4, 0);
        double[][] y = sample(r, 400, 4, 0.7);
        double[][] u = randomRotation(r, 4);
        double fd = FrechetDistance.of(x, y);
        double rotated = FrechetDistance.of(times(x, u), times(y, u));
        assertTrue(fd > 0.5, "shifted sets must be far apart, got " + fd);
        assertEquals(fd, rotated, 1e-9 * (1 + fd));
    }

    @Test
    void identicalSetsGiveZeroAndTheArgumentsCommute() {
        Random r = new Random(2);
        double[][] x = sample(r, 300, 6, 0);
        double[][] y = sample(r, 300, 6, 0.3);
        assertEquals(0, FrechetDistance.of(x, x), 1e-9);
        assertEquals(FrechetDistance.of(x, y), FrechetDistance.of(y, x), 1e-9);
    }

    @Test
    void singularCovariancesAreClampedNotNaN() {
        // Rank-one covariances: eigenvalues of exactly zero may come back as -1e-17.
        double[][] x = new double[50][3];
        for (int i = 0; i < 50; i++) x[i] = new double[] {i, 2 * i, -i};
        double fd = FrechetDistance.of(x, x);
        assertFalse(Double.isNaN(fd));
        // Tr S = 6 Var(i) = 1275 here; FD of a set with itself must vanish to ~sqrt(eps) of that.
        assertEquals(0, fd, 1e-5 * 1275);
    }

    @Test
    void rejectsMismatchedDimensions() {
        var ex = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.of(
                new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}, {2}}));
        assertTrue(ex.getMessage().contains("same dimension"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.of(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}}));
    }

    static double[][] sample(Random r, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) row[j] = (j + 1) * r.nextGaussian() + shift + 0.5 * row[0];
        }
        return x;
    }

    static double[][] randomRotation(Random r, int d) {
        double[][] q = new double[d][d]; // Gram-Schmidt on Gaussian columns
        for (int k = 0; k < d; k++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) v[i] = r.nextGaussian();
            for (int l = 0; l < k; l++) {
                double dot = 0;
                for (int i = 0; i < d; i++) dot += v[i] * q[i][l];
                for (int i = 0; i < d; i++) v[i] -= dot * q[i][l];
            }
            double norm = 0;
            for (double vi : v) norm += vi * vi;
            for (int i = 0; i < d; i++) q[i][k] = v[i] / Math.sqrt(norm);
        }
        return q;
    }

    static double[][] times(double[][] x, double[][] u) {
        int d = u.length;
        double[][] out = new double[x.length][d];
        for (int i = 0; i < x.length; i++)
            for (int j = 0; j < d; j++)
                for (int k = 0; k < d; k++) out[i][j] += x[i][k] * u[k][j];
        return out;
    }
}
