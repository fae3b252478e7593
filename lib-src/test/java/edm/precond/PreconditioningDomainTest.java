package edm.precond;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The coefficients reject sigma outside their domain, naming the preconditioning, sigma and the range. */
class PreconditioningDomainTest {
    static void assertRejects(Runnable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void cNoiseNeedsAPositiveSigma() {
        assertRejects(() -> Preconditioning.ve().cNoise(0), "ve", "c_noise needs sigma in (0, inf)", "got 0.0");
        assertRejects(() -> Preconditioning.edm().cNoise(-1), "edm", "got -1.0");
        assertRejects(() -> Preconditioning.vp().cNoise(Double.NaN), "vp", "got NaN");
        assertRejects(() -> Preconditioning.flow().cNoise(Double.POSITIVE_INFINITY), "got Infinity");
        assertRejects(() -> Preconditioning.iddpm().cNoise(-0.5), "iddpm", "got -0.5");
    }

    @Test
    void theOtherCoefficientsNeedAFiniteNonNegativeSigma() {
        assertRejects(() -> Preconditioning.edm().cSkip(-1), "sigma must be in [0, inf)", "got -1.0");
        assertRejects(() -> Preconditioning.edm().cOut(Double.NaN), "got NaN");
        assertRejects(() -> Preconditioning.vp().cIn(Double.NEGATIVE_INFINITY), "got -Infinity");
        assertRejects(() -> Preconditioning.edm().denoise(new double[] {1}, 0, (in, c) -> in), "got 0.0");
        assertEquals(1, Preconditioning.edm().cSkip(0), 0);
        assertEquals(0, Preconditioning.edm().cOut(0), 0);
        assertEquals(0.25 * Math.log(2), Preconditioning.edm().cNoise(2), 1e-15);
    }
}
