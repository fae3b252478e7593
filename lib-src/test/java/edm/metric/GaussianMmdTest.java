package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianMmdTest {
    private static double[][] gaussian(Random r, int n, double s, double[] mean) {
        double[][] x = new double[n][mean.length];
        for (double[] row : x) for (int j = 0; j < mean.length; j++) row[j] = mean[j] + s * r.nextGaussian();
        return x;
    }

    /** MMD^2(N(0, s^2 I), N(v, s^2 I)) = 2 (h^2/(h^2 + 2 s^2))^{d/2} (1 - exp(-|v|^2/(2(h^2 + 2 s^2)))). */
    private static double exact(double h, double s, double[] v) {
        double c = h * h + 2 * s * s;
        double v2 = 0;
        for (double vi : v) v2 += vi * vi;
        return 2 * Math.pow(h * h / c, v.length / 2.0) * (1 - Math.exp(-v2 / (2 * c)));
    }

    @Test
    void unbiasedEstimateMatchesTheClosedFormWithinItsStandardError() {
        double h = 1.0;
        double s = 1.0;
        double[] v = {1.0, 0.5};
        Random r = new Random(6);
        for (double[] shift : new double[][] {{0, 0}, v}) {
            int k = 12;
            double[] est = new double[k];
            for (int i = 0; i < k; i++) {
                est[i] = GaussianMmd.of(gaussian(r, 200, s, new double[2]), gaussian(r, 200, s, shift), h);
            }
            double mean = 0;
            for (double e : est) mean += e / k;
            double var = 0;
            for (double e : est) var += (e - mean) * (e - mean) / (k - 1);
            double se = Math.sqrt(var / k);
            double want = exact(h, s, shift);
            assertTrue(se < 0.02, "the test must have power, se " + se);
            assertEquals(want, mean, 4 * se, "shift " + shift[0] + ": exact " + want + " se " + se);
        }
        assertTrue(exact(h, s, v) > 0.1);
    }

    @Test
    void medianBandwidthOfKnownPoints() {
        // Pairwise distances of {0, 1, 3} are 1, 3, 2: the median is 2.
        double[][] x = {{0}, {1}};
        double[][] y = {{3}};
        assertEquals(2.0, GaussianMmd.medianBandwidth(x, y, 0), 1e-12);
        Random r = new Random(7);
        double[][] a = gaussian(r, 200, 1, new double[] {0, 0});
        double[][] b = gaussian(r, 200, 1, new double[] {3, 0});
        assertTrue(GaussianMmd.withMedianBandwidth(a, b, 1) > 0.1);
    }

    @Test
    void rejectsBadBandwidth() {
        double[][] x = {{0}, {1}};
        var ex = assertThrows(IllegalArgumentException.class, () -> GaussianMmd.of(x, x, 0));
        assertTrue(ex.getMessage().startsWith("h "), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GaussianMmd.medianBandwidth(new double[][] {{1}, {1}}, new double[][] {{1}}, 0));
    }
}
