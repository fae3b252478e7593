package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DiscretizedGaussianTest {
    @Test
    void logCdfMatchesHighPrecisionValues() {
        // Reference values from mpmath (40 digits): log Phi(z).
        double[][] ref = {{-40, -804.60844201375378817}, {-10, -53.231285150512470578},
            {-5, -15.064998393988725736}, {-3, -6.6077262215103495433},
            {-1, -1.8410216450092635058}, {0, -0.69314718055994530942},
            {0.5, -0.36894641528865639307}, {3, -0.0013508099647481937988},
            {6, -9.8658764552437573169e-10}, {10, -7.6198530241605260704e-24}};
        for (double[] r : ref) {
            assertEquals(r[1], NormalCdf.logCdf(r[0]), 1e-13 * Math.abs(r[1]), "z = " + r[0]);
        }
        assertEquals(0.0013498980316300945267, NormalCdf.cdf(-3), 1e-17);
        assertEquals(0.15865525393145705141, NormalCdf.cdf(-1), 1e-16);
    }

    @Test
    void allBinsSumToOne() {
        for (int levels : new int[] {256, 17}) {
            var dg = DiscretizedGaussian.ofLevels(levels);
            for (double[] ms : new double[][] {{0, 1}, {0.3, 0.01}, {-0.999, 0.002}, {0.95, 3},
                {2.5, 0.1}, {0.5, 1e-4}}) {
                double sum = 0;
                for (int k = 0; k < levels; k++) sum += Math.exp(dg.logProbability(k, ms[0], ms[1]));
                assertEquals(1, sum, 1e-12, "levels " + levels + ", mu " + ms[0] + ", sigma " + ms[1]);
            }
        }
    }

    @Test
    void interiorBinMatchesANumericalIntegralOfTheDensity() {
        var dg = DiscretizedGaussian.eightBit();
        double[][] cases = {{0.1, 0.05, 140}, {0.0, 0.3, 127}, {-0.5, 0.02, 60}, {0.7, 0.01, 214}};
        for (double[] c : cases) {
            double mu = c[0], sigma = c[1];
            int k = (int) c[2];
            double x = dg.level(k);
            double lo = x - 1.0 / 255, hi = x + 1.0 / 255;
            int n = 2000; // composite Simpson's rule, error ~ (hi - lo)^5 / n^4
            double h = (hi - lo) / n, sum = 0;
            for (int i = 0; i <= n; i++) {
                double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
                double z = (lo + i * h - mu) / sigma;
                sum += w * Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
            }
            double integral = sum * h / 3;
            assertEquals(integral, Math.exp(dg.logProbability(x, mu, sigma)), 1e-10 * integral,
                    "k " + k);
        }
    }

    @Test
    void edgeBinsAreOpenAndFarTailsStayFinite() {
        var dg = DiscretizedGaussian.eightBit();
        // Edge bin 0 is (-inf, -1 + 1/255]: with mu = -1 it holds Phi((1/255)/sigma).
        assertEquals(NormalCdf.logCdf(1.0 / 255 / 0.01), dg.logProbability(-1.0, -1.0, 0.01), 1e-14);
        assertEquals(NormalCdf.logCdf(1.0 / 255 / 0.01), dg.logProbability(1.0, 1.0, 0.01), 1e-14);
        // A bin 20 sigma from the mean: 8 digits of mpmath give -200.00500708329626363.
        assertEquals(-200.00500708329626363, dg.logProbability(2.0 * 140 / 255 - 1, 0.3, 0.01), 1e-9);
        double far = dg.logProbability(200, 0.0, 1e-3); // z around 475: log p ~ -z^2/2
        assertTrue(Double.isFinite(far) && far < -1e5, "far " + far);
    }

    @Test
    void bitsPerDimAndValidation() {
        assertEquals(1.0, DiscretizedGaussian.bitsPerDim(784 * Math.log(2), 784), 1e-15);
        var dg = DiscretizedGaussian.eightBit();
        // A wide Gaussian is flat over an interior bin: p = (2/255) phi(0)/sigma per value.
        double[] x = {-1 + 2.0 / 255, 1.0 / 255, 1 - 2.0 / 255};
        double sigma = 1e3;
        double ll = dg.logLikelihood(x, new double[3], sigma);
        double perValue = -Math.log(2.0 / 255 / (sigma * Math.sqrt(2 * Math.PI))) / Math.log(2);
        assertEquals(perValue, DiscretizedGaussian.bitsPerDim(-ll, 3), 1e-6);
        var ex = assertThrows(IllegalArgumentException.class, () -> dg.logProbability(0.5, 0, 1));
        assertTrue(ex.getMessage().startsWith("x must be one of"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dg.logProbability(3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DiscretizedGaussian.ofLevels(1));
    }
}
