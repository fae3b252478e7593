package edm.denoise;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/** The exact denoisers reject data and inputs that would make them silently wrong. */
class IdealDenoiserInputTest {
    @Test
    void dataRowsThatAreNotFiniteAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] rows = {{0, 0}, {1, 1}, {2, Double.NaN}, {3, 0}};
            var e = assertThrows(IllegalArgumentException.class, () -> new IdealDenoiser(m.create(rows)));
            assertTrue(e.getMessage().startsWith("data row 2 (0-based)"), e.getMessage());
            double[][] inf = {{0, 0}, {Double.NEGATIVE_INFINITY, 1}};
            e = assertThrows(IllegalArgumentException.class, () -> new IdealDenoiser(m.create(inf)));
            assertTrue(e.getMessage().startsWith("data row 1"), e.getMessage());
            double[][] huge = {{0, 0}, {1, 1}, {1e300, 0}};
            e = assertThrows(IllegalArgumentException.class, () -> new IdealDenoiser(m.create(huge)));
            assertTrue(e.getMessage().startsWith("data row 2") && e.getMessage().contains("Infinity"), e.getMessage());
            // the row is found in a later chunk too
            double[][] many = new double[10][2];
            many[7][0] = Double.NaN;
            e = assertThrows(IllegalArgumentException.class,
                    () -> new IdealDenoiser(m.create(many), Precision.FLOAT64, 3));
            assertTrue(e.getMessage().startsWith("data row 7"), e.getMessage());
        }
    }

    @Test
    void integerInputIsRejectedRatherThanRounded() {
        try (NDManager m = NDManager.newBaseManager()) {
            try (IdealDenoiser d = new IdealDenoiser(m.create(new double[][] {{0, 0}, {1, 1}}))) {
                NDArray ints = m.create(new int[][] {{1, 2}, {3, 4}});
                var e = assertThrows(IllegalArgumentException.class, () -> d.denoise(ints, 1.0));
                assertTrue(e.getMessage().contains("floating-point") && e.getMessage().contains("int32"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> d.logDensity(ints, 1.0));
                NDArray f = m.create(new float[][] {{1, 2}});
                assertEquals(DataType.FLOAT32, d.denoise(f, 1.0).getDataType());
            }
            GaussianData g = new GaussianData(new double[] {0, 0}, new double[] {1, 1});
            assertThrows(IllegalArgumentException.class, () -> g.denoise(m.create(new int[][] {{1, 2}}), 1.0));
        }
    }

    @Test
    void sigmaIsChecked() {
        try (NDManager m = NDManager.newBaseManager();
                IdealDenoiser d = new IdealDenoiser(m.create(new double[][] {{0, 0}, {1, 1}}))) {
            NDArray x = m.create(new double[][] {{1, 2}});
            var e = assertThrows(IllegalArgumentException.class, () -> d.denoise(x, 0));
            assertTrue(e.getMessage().startsWith("sigma must be > 0"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.denoise(x, Double.NaN));
        }
    }
}
