package edm.metric;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SlicedWassersteinTest {
    @Test
    void exactOneDimensionalDistances() {
        assertEquals(1.0, SlicedWasserstein.wasserstein1(new double[] {0, 1}, new double[] {1, 2}), 1e-15);
        // Unequal sizes: F_a^{-1} = 0 on (0, 1]; F_b^{-1} = -1 on (0, 1/2], 3 on (1/2, 1]: W1 = 2.
        assertEquals(2.0, SlicedWasserstein.wasserstein1(new double[] {0}, new double[] {3, -1}), 1e-15);
        // a = {0, 1, 2}, b = {0, 2}: pieces (0,1/3]:0, (1/3,1/2]:|1-0|, (1/2,2/3]:|1-2|, (2/3,1]:0.
        assertEquals(1.0 / 6 + 1.0 / 6,
                SlicedWasserstein.wasserstein1(new double[] {2, 0, 1}, new double[] {2, 0}), 1e-15);
    }

    @Test
    void oneDimensionalGaussiansAreTheirMeanShiftApart() {
        // W1(N(0,1), N(m,1)) = |m|; independent samples of n add an O(n^{-1/2}) error.
        Random r = new Random(8);
        int n = 20000;
        double m = 1.5;
        double[][] a = new double[n][1];
        double[][] b = new double[n][1];
        for (int i = 0; i < n; i++) {
            a[i][0] = r.nextGaussian();
            b[i][0] = m + r.nextGaussian();
        }
        assertEquals(m, SlicedWasserstein.distance(a, b, 3, 1), 0.05);
    }

    @Test
    void shiftedSetInTwoAndThreeDimensions() {
        // b = a + v exactly, so each slice gives |v . theta| and SW1 is the mean over theta.
        // E|v . theta| = |v| Gamma(d/2)/(sqrt(pi) Gamma((d+1)/2)): 2/pi |v| (d = 2), |v|/2 (d = 3).
        // sd(|theta_1|) = sqrt(1/d - E|theta_1|^2), so the MC tolerance is 4 |v| sd / sqrt(L).
        Random r = new Random(9);
        int l = 4000;
        double[][] v = {{3, -4}, {2, 3, 6}};
        double[] mean = {2 / Math.PI, 0.5};
        for (int c = 0; c < 2; c++) {
            int d = v[c].length;
            double[][] a = new double[300][d];
            double[][] b = new double[300][d];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < d; j++) {
                    a[i][j] = r.nextGaussian();
                    b[i][j] = a[i][j] + v[c][j];
                }
            }
            double norm = 0;
            for (double x : v[c]) norm += x * x;
            norm = Math.sqrt(norm);
            double sd = Math.sqrt(1.0 / d - mean[c] * mean[c]);
            double sw = SlicedWasserstein.distance(a, b, l, 42);
            assertEquals(norm * mean[c], sw, 4 * norm * sd / Math.sqrt(l), "d = " + d);
            assertEquals(sw, SlicedWasserstein.distance(b, a, l, 42), 1e-12, "symmetric");
        }
    }

    @Test
    void directionsAreSeededUnitVectors() {
        double[][] t = SlicedWasserstein.directions(5, 10, 3);
        assertArrayEquals(t[4], SlicedWasserstein.directions(5, 10, 3)[4]);
        for (double[] row : t) {
            double n = 0;
            for (double x : row) n += x * x;
            assertEquals(1, n, 1e-12);
        }
        assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.distance(new double[][] {{1}}, new double[][] {{1}}, 0, 1));
    }

    @Test
    void instanceFormUsesItsOwnDirections() {
        double[][] a = {{0, 0}, {1, 1}, {2, 0}};
        double[][] b = {{0.5, 0}, {1, 2}, {3, 1}};
        assertEquals(SlicedWasserstein.distance(a, b, 50, 7), new SlicedWasserstein(50, 7).distance(a, b), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new SlicedWasserstein(0, 1));
    }

    /** The NDArray overload flattens rows and agrees with the array form. */
    @Test
    void ndArrayRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            var a = m.create(new double[] {0, 0, 1, 0, 0, 1}, new Shape(3, 2));
            var b = m.create(new float[] {3, 0, 4, 0, 3, 1}, new Shape(3, 1, 2));
            double[][] rb = SlicedWasserstein.rows(b);
            assertArrayEquals(new double[] {4, 0}, rb[1], 0);
            SlicedWasserstein sw = new SlicedWasserstein(64, 2);
            assertEquals(sw.distance(new double[][] {{0, 0}, {1, 0}, {0, 1}}, rb), sw.distance(a, b), 1e-12);
        }
    }
}
