package edm.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    /** Exit status and the two streams of one in-process run. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void edmSigmas() {
        Result r = run("sigmas", "--discretization", "edm", "--steps", "18");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(19, lines.length);
        assertEquals("80.0", lines[0]);
        assertEquals("0.002", lines[17]);
        assertEquals("0.0", lines[18]);
        assertEquals("", r.err());
    }

    @Test
    void otherDiscretizations() {
        assertEquals("100.0", run("sigmas", "--discretization", "ve", "--steps", "5").out().split("\n")[0]);
        assertEquals(11, run("sigmas", "--discretization", "vp", "--steps", "10", "--eps-s", "0.01").out()
                .strip().split("\n").length);
        Result r = run("sigmas", "--discretization", "uniform", "--steps", "4", "--sigma-min", "1", "--sigma-max", "4");
        assertEquals("4.0\n3.0\n2.0\n1.0\n0.0", r.out().strip());
    }

    @Test
    void helpAndCommandList() {
        Result r = run();
        assertEquals(0, r.code());
        assertTrue(r.out().contains("sigmas"));
        assertTrue(run("--help").out().contains("commands:"));
        assertTrue(run("sigmas", "--help").out().startsWith("usage: sigmas"));
        r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown command 'frobnicate'"));
        assertTrue(r.err().contains("sigmas"));
    }

    static void assertUsageError(String expectedFragment, String... args) {
        Result r = run(args);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("error: "), lines[0]);
        assertTrue(lines[0].contains(expectedFragment), lines[0]);
    }

    @Test
    void badArguments() {
        assertUsageError("--discretization", "sigmas", "--discretization", "cosine", "--steps", "18");
        assertUsageError("--steps must be >= 1, got 0", "sigmas", "--steps", "0");
        assertUsageError("--rho must be > 0", "sigmas", "--discretization", "edm", "--steps", "18", "--rho", "-1");
        assertUsageError("unknown option --bogus", "sigmas", "--steps", "18", "--bogus", "1");
        assertUsageError("option --steps needs a value", "sigmas", "--discretization", "edm", "--steps");
        assertUsageError("option --steps is required", "sigmas", "--discretization", "edm");
        assertUsageError("--steps must be an integer", "sigmas", "--steps", "x");
        assertUsageError("--rho does not apply", "sigmas", "--discretization", "vp", "--steps", "3", "--rho", "7");
        assertUsageError("--sigma-min must be < --sigma-max", "sigmas", "--steps", "3", "--sigma-min", "90");
        assertUsageError("unexpected argument", "sigmas", "18");
    }
}
