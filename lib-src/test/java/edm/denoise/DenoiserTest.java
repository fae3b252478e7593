package edm.denoise;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DenoiserTest {

    @Test
    void lambdaIsADenoiserAndScoreIsTweedie() {
        // Data N(0, I): D(x; sigma) = x / (1 + sigma^2), so score = (D - x)/sigma^2 = -x/(1 + sigma^2).
        Denoiser d = (x, sigma) -> x.div(1 + sigma * sigma);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {1, -2, 3, 0.5}, new Shape(2, 2));
            double[] before = x.toDoubleArray();
            double[] s = d.score(x, 2.0).toDoubleArray();
            double[] xs = x.toDoubleArray();
            for (int i = 0; i < s.length; i++) {
                assertEquals(-xs[i] / 5, s[i], 1e-15);
            }
            assertArrayEquals(before, x.toDoubleArray(), 0.0, "x must be unchanged");
            // A denoiser returning its input (identity, the sigma -> 0 limit) gives score 0 and
            // leaves x open.
            Denoiser identity = (y, sigma) -> y;
            assertArrayEquals(new double[4], identity.score(x, 1.0).toDoubleArray(), 0.0);
            assertArrayEquals(before, x.toDoubleArray(), 0.0);
        }
    }

    @Test
    void countingCountsCallsAndSamples() {
        CountingDenoiser d = ((Denoiser) (x, sigma) -> x.mul(0.5)).counted();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x3 = m.zeros(new Shape(3, 2));
            NDArray x5 = m.zeros(new Shape(5, 2));
            assertEquals(0, d.nfe());
            d.denoise(x3, 1.0);
            d.denoise(x5, 0.5);
            d.score(x3, 0.1);
            assertEquals(3, d.nfe(), "NFE = calls = evaluations per sample");
            assertEquals(3 + 5 + 3, d.samples(), "total per-sample evaluations");
            d.reset();
            assertEquals(0, d.nfe());
            assertEquals(0, d.samples());
        }
    }

    @Test
    void roundingHookDefaultsToIdentityAndCanSnapToLevels() {
        Denoiser d = (x, sigma) -> x;
        assertEquals(0.37, d.round(0.37));
        Denoiser levels = d.withRounding(new NearestLevel(0.1, 1.0, 10.0, 0.5));
        assertEquals(0.1, levels.round(0.01));
        assertEquals(0.5, levels.round(0.7));
        assertEquals(1.0, levels.round(0.8));
        assertEquals(10.0, levels.round(80));
        assertEquals(0.5, levels.round(0.75), "ties go to the smaller level");
        assertEquals(1.0, levels.counted().round(0.9), "the counter keeps the rounding");
    }

    @Test
    void nearestLevelValidates() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NearestLevel());
        assertTrue(e.getMessage().startsWith("levels.length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NearestLevel(1, -2));
        assertTrue(e.getMessage().startsWith("levels[1]"), e.getMessage());
    }
}
