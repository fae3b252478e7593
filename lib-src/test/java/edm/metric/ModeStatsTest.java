package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import edm.denoise.GaussianMixture;
import org.junit.jupiter.api.Test;

class ModeStatsTest {
    /**
     * Exact samples of the NCSN toy (0.8/0.2 at -5 and +5, unit variance): weights within 4 standard
     * errors sqrt(pi(1-pi)/n), variance ratio 1 within 4 standard errors sqrt(2/(n d)) of a chi-square mean.
     */
    @Test
    void exactSamplesGiveTheMixture() {
        GaussianMixture g = GaussianMixture.ncsnToy();
        int n = 20_000;
        try (NDManager m = NDManager.newBaseManager()) {
            double[] flat = g.sample(m, n, 3).toDoubleArray();
            double[][] x = new double[n][2];
            for (int i = 0; i < n; i++) x[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
            ModeStats s = ModeStats.of(g, x);
            assertEquals(0.8, s.weights()[0], 4 * Math.sqrt(0.16 / n));
            assertEquals(2 * Math.abs(s.weights()[0] - 0.8), s.weightError(), 1e-12);
            assertEquals(1, s.meanVarianceRatio(), 4 * Math.sqrt(2.0 / (n * 2)));
        }
    }

    /** Points squeezed to the means: weights exact, variance ratio 0; a mode without samples has NaN. */
    @Test
    void collapsedAndMissingModes() {
        GaussianMixture g = GaussianMixture.ncsnToy();
        double[][] x = {{-5, -5}, {-5, -5}, {-5, -5}, {-5, -5}};
        ModeStats s = ModeStats.of(g, x);
        assertArrayEquals(new double[] {1, 0}, s.weights(), 0);
        assertEquals(0.4, s.weightError(), 1e-12);
        assertEquals(0, s.varianceRatio()[0], 0);
        assertTrue(Double.isNaN(s.varianceRatio()[1]));
        assertEquals(0, s.meanVarianceRatio(), 0);
    }
}
