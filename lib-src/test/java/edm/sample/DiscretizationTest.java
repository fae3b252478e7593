package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import edm.process.IddpmSigmas;
import edm.process.NoiseSchedule;
import edm.process.NoiseProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscretizationTest {
    static void assertShape(double[] s, int n, String name) {
        assertEquals(n + 1, s.length, name);
        assertEquals(0.0, s[n], name);
        for (int i = 0; i < n; i++) {
            assertTrue(s[i] > s[i + 1], name + " decreasing at " + i);
        }
    }

    @Test
    void edmTable1() {
        double[] s = Discretization.edm().sigmas(18);
        assertShape(s, 18, "edm");
        assertEquals(80.0, s[0]);
        assertEquals(0.002, s[17]);
        // Interior point straight from the formula.
        double r = 1 / 7.0;
        double want = Math.pow(Math.pow(80, r) + 5 / 17.0 * (Math.pow(0.002, r) - Math.pow(80, r)), 7);
        assertEquals(want, s[5], 1e-12 * want);
    }

    @Test
    void vpTable1() {
        double[] s = Discretization.vp().sigmas(18);
        assertShape(s, 18, "vp");
        NoiseSchedule vp = NoiseSchedule.vp();
        assertEquals(vp.sigma(1), s[0], 1e-12);
        assertEquals(vp.sigma(1e-3), s[17], 1e-15);
        assertEquals(152.0, s[0], 0.5); // sqrt(e^{10.05} - 1)
        for (int i = 0; i < 18; i++) {
            double t = 1 + i / 17.0 * (1e-3 - 1);
            assertEquals(t, vp.sigmaInv(s[i]), 1e-12, "t_" + i);
        }
    }

    @Test
    void veTable1() {
        double[] s = Discretization.ve().sigmas(18);
        assertShape(s, 18, "ve");
        assertEquals(100.0, s[0]);
        assertEquals(0.02, s[17]);
        for (int i = 0; i < 18; i++) {
            double t = 100.0 * 100 * Math.pow(0.02 * 0.02 / (100.0 * 100), i / 17.0);
            assertEquals(t, s[i] * s[i], 1e-10 * t, "t_" + i);
        }
        assertArrayEquals(s, Discretization.logUniform(0.02, 100).sigmas(18), 0);
    }

    @Test
    void iddpmTable1() {
        IddpmSigmas u = new IddpmSigmas();
        double[] s = Discretization.iddpm().sigmas(18);
        assertShape(s, 18, "iddpm");
        assertEquals(u.u(8), s[0]);
        assertEquals(u.u(999), s[17]);
        assertEquals(u.u((int) Math.floor(8 + 991.0 / 17 * 3 + 0.5)), s[3]);
    }

    @Test
    void uniformAndOneStep() {
        double[] s = Discretization.uniform(1, 5).sigmas(5);
        assertArrayEquals(new double[] {5, 4, 3, 2, 1, 0}, s, 1e-15);
        for (Discretization d : List.of(Discretization.edm(), Discretization.vp(), Discretization.ve(),
                Discretization.iddpm(), Discretization.uniform(1, 5), Discretization.logUniform(1, 5))) {
            double[] one = d.sigmas(1);
            assertEquals(2, one.length, d.name());
            assertEquals(d.sigmas(2)[0], one[0], d.name());
            assertEquals(0.0, one[1]);
        }
    }

    @Test
    void stepsMapThroughAnySchedule() {
        Steps st = Steps.of(Discretization.edm(), 18, NoiseProcess.ve().schedule());
        assertEquals(18, st.n());
        assertEquals(6400.0, st.t(0), 1e-9);
        assertEquals(0.0, st.t(18));
        Steps flow = Steps.of(Discretization.edm(), 18, NoiseSchedule.flow());
        assertEquals(80.0 / 81, flow.t(0), 1e-15);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Steps(new double[] {1, 0}, new double[] {1, 2}));
        assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
    }

    @Test
    void badParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> Discretization.edm(0.002, 80, -1));
        assertTrue(e.getMessage().startsWith("rho"));
        e = assertThrows(IllegalArgumentException.class, () -> Discretization.edm(80, 0.002, 7));
        assertTrue(e.getMessage().startsWith("sigmaMin"));
        e = assertThrows(IllegalArgumentException.class, () -> Discretization.edm().sigmas(0));
        assertTrue(e.getMessage().startsWith("N"));
        e = assertThrows(IllegalArgumentException.class, () -> Discretization.vp(19.9, 0.1, 1));
        assertTrue(e.getMessage().startsWith("epsS"));
        e = assertThrows(IllegalArgumentException.class, () -> Discretization.uniform(Double.NaN, 1));
        assertTrue(e.getMessage().startsWith("sigmaMin"));
        e = assertThrows(IllegalArgumentException.class, () -> Discretization.iddpm().sigmas(993));
        assertTrue(e.getMessage().startsWith("N"));
    }
}
