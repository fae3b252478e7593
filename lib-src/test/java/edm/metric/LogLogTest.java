package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LogLogTest {
    /** e = 3 N^-2 exactly: slope -2, and the level 3e-4 is reached at N = 100 (between 64 and 128). */
    @Test
    void powerLaw() {
        double[] n = {8, 16, 32, 64, 128};
        double[] e = new double[n.length];
        for (int i = 0; i < n.length; i++) e[i] = 3 * Math.pow(n[i], -2);
        assertEquals(-2, LogLog.slope(n, e), 1e-12);
        assertEquals(100, LogLog.reach(n, e, 3e-4), 1e-9);
        assertEquals(8, LogLog.reach(n, e, 1), 0);             // already below at the first point
        assertTrue(Double.isNaN(LogLog.reach(n, e, 1e-9)));   // never reached
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> LogLog.slope(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LogLog.slope(new double[] {1, 2}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> LogLog.slope(new double[] {2, 2}, new double[] {1, 3}));
        assertThrows(IllegalArgumentException.class, () -> LogLog.reach(new double[] {1, 2}, new double[] {2, 1}, 0));
    }
}
