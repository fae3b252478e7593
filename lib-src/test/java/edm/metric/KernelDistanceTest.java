package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelDistanceTest {
    private static double[][] gaussian(Random r, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (double[] row : x) for (int j = 0; j < d; j++) row[j] = r.nextGaussian() + shift;
        return x;
    }

    @Test
    void disjointBlocksOfTheSameDistributionAverageToZeroWithinTheirStandardError() {
        // K independent unbiased estimates: their mean is within 4 s/sqrt(K) of 0 (P = Q).
        Random r = new Random(3);
        int k = 20;
        double[] est = new double[k];
        for (int i = 0; i < k; i++) {
            est[i] = KernelDistance.unbiased(gaussian(r, 200, 8, 0), gaussian(r, 200, 8, 0));
        }
        double mean = 0;
        for (double e : est) mean += e / k;
        double var = 0;
        for (double e : est) var += (e - mean) * (e - mean) / (k - 1);
        double se = Math.sqrt(var / k);
        assertTrue(se > 0);
        assertTrue(Math.abs(mean) < 4 * se, "mean " + mean + " se " + se);
    }

    @Test
    void subsetEstimateIsNearZeroForSameDistributionAndPositiveForAShift() {
        Random r = new Random(4);
        double[][] x = gaussian(r, 1000, 8, 0);
        double[][] y = gaussian(r, 1000, 8, 0);
        double[][] z = gaussian(r, 1000, 8, 0.5);
        var same = KernelDistance.of(x, y, 20, 200, 11);
        var shifted = KernelDistance.of(x, z, 20, 200, 11);
        // Overlapping subsets: the error of the mean is at most s (see Estimate).
        assertTrue(Math.abs(same.mean()) < 3 * same.sd(), same.toString());
        assertTrue(shifted.mean() > 5 * shifted.sd(), shifted.toString());
        assertTrue(shifted.mean() > 10 * Math.abs(same.mean()), shifted + " vs " + same);
        assertEquals(same, KernelDistance.of(x, y, 20, 200, 11), "same seed, same estimate");
    }

    @Test
    void populationValueOfAMeanShiftUnderTheCubicKernel() {
        // With x ~ N(0, I), y = x' + v: E k(x,x') - E k(x,y) terms give, for d = 1 and kernel
        // (xy + 1)^3, MMD^2 = E(x x' + 1)^3 + E(y y' + 1)^3 - 2 E(x y + 1)^3. With independent
        // factors: E(ab + 1)^3 = E(ab)^3 + 3 E(ab)^2 + 3 E(ab) + 1 and moments of N(0,1), N(v,1):
        // E a = 0, E a^2 = 1, E a^3 = 0; E b = v, E b^2 = 1 + v^2, E b^3 = v^3 + 3v.
        double v = 1.0;
        double xx = 0 + 3 * 1 + 0 + 1;
        double b1 = v, b2 = 1 + v * v, b3 = v * v * v + 3 * v;
        double yy = b3 * b3 + 3 * b2 * b2 + 3 * b1 * b1 + 1;
        double xy = 0 * b3 + 3 * 1 * b2 + 3 * 0 * b1 + 1;
        double exact = xx + yy - 2 * xy;
        Random r = new Random(5);
        int k = 30;
        double[] est = new double[k];
        for (int i = 0; i < k; i++) {
            est[i] = KernelDistance.unbiased(gaussian(r, 200, 1, 0), gaussian(r, 200, 1, v));
        }
        double mean = 0;
        for (double e : est) mean += e / k;
        double var = 0;
        for (double e : est) var += (e - mean) * (e - mean) / (k - 1);
        double se = Math.sqrt(var / k);
        assertEquals(22, exact, 1e-12);
        assertTrue(se < 0.1 * exact, "the test must have power, se " + se);
        assertEquals(exact, mean, 4 * se, "exact " + exact + " se " + se);
    }

    @Test
    void kernelAndArguments() {
        assertEquals(Math.pow(11.0 / 2 + 1, 3), KernelDistance.kernel(new double[] {1, 2},
                new double[] {3, 4}), 1e-12);
        double[][] x = {{0}, {1}, {2}};
        var ex = assertThrows(IllegalArgumentException.class, () -> KernelDistance.of(x, x, 5, 4, 1));
        assertTrue(ex.getMessage().startsWith("subsetSize"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelDistance.of(x, x, 0, 2, 1));
    }
}
