package edm.linalg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    @Test
    void knownSpectrumOfTwoByTwo() {
        // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,-1)/sqrt2 and (1,1)/sqrt2.
        var e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {1, 3}, e.values(), 1e-12);
        assertEquals(1 / Math.sqrt(2), Math.abs(e.vectors()[0][1]), 1e-12);
    }

    @Test
    void reconstructsRandomCovarianceAndItsSquareRoot() {
        int n = 40;
        Random r = new Random(7);
        double[][] x = new double[n][n];
        for (double[] row : x) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        double[][] a = new double[n][n]; // a = x x^T is symmetric positive semi-definite
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) a[i][j] += x[i][k] * x[j][k];
        var e = SymmetricEigen.of(a);
        double[][] back = e.apply(v -> v);
        double[][] root = e.apply(v -> Math.sqrt(Math.max(v, 0)));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                assertEquals(a[i][j], back[i][j], 1e-9 * (1 + Math.abs(a[i][j])));
                double sq = 0;
                for (int k = 0; k < n; k++) sq += root[i][k] * root[k][j];
                assertEquals(a[i][j], sq, 1e-8 * (1 + Math.abs(a[i][j])));
            }
        for (int k = 1; k < n; k++) assertTrue(e.values()[k] >= e.values()[k - 1]);
    }

    @Test
    void rejectsNonSymmetricInput() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][] {{1, 2}, {0, 1}}));
        assertTrue(ex.getMessage().contains("symmetric"));
    }
}
