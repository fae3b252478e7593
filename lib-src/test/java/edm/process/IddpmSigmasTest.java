package edm.process;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class IddpmSigmasTest {
    final IddpmSigmas u = new IddpmSigmas();

    @Test
    void tableFollowsRecurrence() {
        assertEquals(1000, u.M());
        assertEquals(0.0, u.u(1000));
        for (int j = 1000; j > 0; j--) {
            double ratio = Math.max(u.alphaBar(j - 1) / u.alphaBar(j), 0.001);
            assertEquals(Math.sqrt((u.u(j) * u.u(j) + 1) / ratio - 1), u.u(j - 1), 1e-12 * u.u(j - 1));
            assertTrue(u.u(j - 1) > u.u(j), "decreasing at " + j);
        }
    }

    @Test
    void publishedLevels() {
        // j0 = 8 is EDM's choice because u_8 ~ 80 (its sigma_max); computed 80.2037.
        assertEquals(80.2037, u.u(8), 1e-4);
        // The smallest nonzero level, EDM's iDDPMPrecond.sigma_min; computed 0.0064254.
        assertEquals(0.0064254, u.u(999), 1e-7);
        // u_0 is set by the clamp C1 (alpha_bar_0 = 0): sqrt((u_1^2 + 1)/C1 - 1) ~ 2.03e4.
        assertEquals(20291.17, u.u(0), 0.01);
    }

    @Test
    void roundAndIndex() {
        for (int j : new int[] {0, 1, 8, 500, 998, 999, 1000}) {
            assertEquals(j, u.index(u.u(j)));
            assertEquals(u.u(j), u.round(u.u(j)));
        }
        assertEquals(0, u.index(1e9));
        assertEquals(1000, u.index(0));
        // Brute-force argmin agrees everywhere.
        for (double s = 0.0005; s < 200; s *= 1.37) {
            int best = 0;
            for (int j = 1; j <= 1000; j++) {
                if (Math.abs(u.u(j) - s) < Math.abs(u.u(best) - s)) {
                    best = j;
                }
            }
            assertEquals(best, u.index(s), "sigma " + s);
        }
    }

    @Test
    void badParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> new IddpmSigmas(1, 0.001, 0.008));
        assertTrue(e.getMessage().startsWith("M"));
        e = assertThrows(IllegalArgumentException.class, () -> new IddpmSigmas(1000, 0, 0.008));
        assertTrue(e.getMessage().startsWith("C1"));
        e = assertThrows(IllegalArgumentException.class, () -> u.u(1001));
        assertTrue(e.getMessage().startsWith("j"));
    }
}
