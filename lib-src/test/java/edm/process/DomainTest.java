package edm.process;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Evaluation methods reject values outside their domain, naming the parameter, the value and the range. */
class DomainTest {
    static void assertRejects(Runnable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void processesRejectTimesOutsideTheirDomain() {
        assertRejects(() -> NoiseProcess.ve().sigma(-1), "t must be in [0, inf)", "got -1.0");
        assertRejects(() -> NoiseProcess.flow().sigma(1.5), "flow", "t must be in [0, 1)", "got 1.5");
        assertRejects(() -> NoiseProcess.flow().sigma(1), "t must be in [0, 1)", "got 1.0");
        assertRejects(() -> NoiseProcess.vp().sigma(-0.5), "vp", "t must be in [0, inf)", "got -0.5");
        assertRejects(() -> NoiseProcess.edm().sigma(Double.NaN), "got NaN");
        assertRejects(() -> NoiseProcess.edm().sigma(Double.POSITIVE_INFINITY), "got Infinity");
        assertRejects(() -> NoiseProcess.vp().s(-1), "t must be", "got -1.0");
        assertRejects(() -> NoiseProcess.flow().s(2), "got 2.0");
        assertRejects(() -> NoiseProcess.subVp().std(-1), "got -1.0");
        assertRejects(() -> NoiseProcess.vp().drift(Double.NaN), "got NaN");
        assertRejects(() -> NoiseProcess.ve().diffusion(-2), "got -2.0");
        assertRejects(() -> NoiseProcess.ve().snr(-2), "got -2.0");
        assertRejects(() -> NoiseProcess.edm().transition(-1, 1), "got -1.0");
        assertRejects(() -> NoiseProcess.edm().sample(new double[] {1}, new double[] {0}, -1), "got -1.0");
    }

    @Test
    void schedulesRejectOutOfDomainValues() {
        assertRejects(() -> NoiseSchedule.vp().sigmaInv(-1), "vp", "sigma must be in [0, inf)", "got -1.0");
        assertRejects(() -> NoiseSchedule.linear().sigmaInv(Double.NaN), "got NaN");
        assertRejects(() -> NoiseSchedule.sqrt().sigmaDeriv(-1), "got -1.0");
        assertRejects(() -> NoiseSchedule.geometric().sigmaInv(0), "sigma must be in (0, inf)", "got 0.0");
        assertRejects(() -> NoiseSchedule.flow().sigmaInv(Double.POSITIVE_INFINITY), "got Infinity");
        assertRejects(() -> new NoiseSchedule("custom", t -> t, t -> 1, s -> s).sigma(-3), "custom", "got -3.0");
    }

    @Test
    void theDomainsThemselvesAreAccepted() {
        assertEquals(0, NoiseProcess.ve().sigma(0));
        assertEquals(0, NoiseProcess.flow().sigma(0));
        assertEquals(1, NoiseProcess.flow().sigma(0.5), 1e-15);
        assertEquals(0, NoiseSchedule.vp().sigmaInv(0), 0);
        assertEquals(0.01 * Math.pow(5000, -0.5), NoiseSchedule.geometric().sigma(-0.5), 1e-15); // any finite t
        assertEquals(0.5, NoiseSchedule.flow().sigmaInv(1), 0);
    }
}
