package edm.env;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped kernel over the Jupyter protocol, driven by jupyter_client from the project's Python
 * (environment/kernel_stress.py): every shell and control request answered right after a start;
 * restart then execute at once, {@code edm.kernel.restarts} times (default 30, about 2 minutes;
 * the README gives a 100-restart run), without a lost or misattributed cell; interrupt of a busy
 * loop, a sleep loop and a loop that swallows interrupts, each followed by a cell that must run.
 * Every restart is a start, so this covers the start-up race too. Needs the kernel spec on
 * JUPYTER_PATH, which {@code ./workbench test} sets up.
 */
@Tag("slow")
class KernelProtocolTest {
    @Test
    void restartsInterruptsAndEveryRequestAnswered() throws Exception {
        String restarts = System.getProperty("edm.kernel.restarts", "30");
        var r = Scripts.python("environment/kernel_stress.py", 20, "--restarts", restarts, "--timeout", "60");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains(restarts + "/" + restarts + " cells answered, 0 lost"), r.output());
        assertTrue(r.output().contains(" passed, 0 failed"), r.output());
    }
}
