package edm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class WorkbenchTest {
    @Test
    void quickModeFollowsThePropertyAndPicks() {
        String old = System.getProperty("edm.quick");
        try {
            System.setProperty("edm.quick", "1");
            assertTrue(Workbench.quick());
            assertEquals(3, Workbench.pick(1000, 3));
            System.setProperty("edm.quick", "false");
            assertFalse(Workbench.quick());
            assertEquals(1000, Workbench.pick(1000, 3));
            assertEquals(0.5, Workbench.pick(0.5, 0.1));
        } finally {
            if (old == null) System.clearProperty("edm.quick"); else System.setProperty("edm.quick", old);
        }
    }

    @Test
    void versionsNameTheEngineAndDevice() {
        var v = Workbench.versions();
        assertTrue(v.get("DJL engine").startsWith("PyTorch"), v.toString());
        assertTrue(v.get("ND4J backend").contains("BLAS"), v.toString());
        assertNotNull(Workbench.device());
    }
}
