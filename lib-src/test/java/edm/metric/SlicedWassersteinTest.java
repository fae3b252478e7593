package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SlicedWassersteinTest {
    @Test
    void oneDimensionalW1() {
        assertEquals(1.0, SlicedWasserstein.w1(new double[] {0, 1}, new double[] {1, 2}), 1e-15);
        // unequal sizes: {0} vs {0, 2}: |0-0| on [0, 1/2], |0-2| on [1/2, 1] -> 1
        assertEquals(1.0, SlicedWasserstein.w1(new double[] {0}, new double[] {2, 0}), 1e-15);
    }

    /** A shift by s in R^2: every projection is shifted by theta . s, so SW_1 = mean |theta . s|. */
    @Test
    void shiftAndIdentity() {
        double[][] a = {{0, 0}, {1, 0}, {0, 1}};
        double[][] b = {{3, 0}, {4, 0}, {3, 1}};
        SlicedWasserstein sw = new SlicedWasserstein(4000, 1);
        assertEquals(0, sw.distance(a, a), 0);
        // E|theta_1| for theta uniform on the circle = 2/pi
        assertEquals(3 * 2 / Math.PI, sw.distance(a, b), 0.05);
        assertEquals(sw.distance(a, b), sw.distance(b, a), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new SlicedWasserstein(0, 1));
        assertThrows(IllegalArgumentException.class, () -> sw.distance(a, new double[][] {{1, 2, 3}}));
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
