package edm.env;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's promise, "bad options give a one-line {@code error:} and exit 2", over every command of
 * {@code ./workbench} (the commands are read from its own --help) and a few more bad command lines of
 * the launcher. Nothing is built or installed: each case fails before that. The Java commands need
 * the built classpath ({@code target/lib}, which {@code ./workbench test} makes) and are skipped
 * without it.
 */
class WorkbenchScriptTest {
    /** Commands that run Java: they need target/lib. */
    static final Set<String> JAVA = Set.of("sigmas", "sample", "sweep", "train", "generate", "eval", "help-cli");

    record Run(int code, String out, String err) {}

    static Run workbench(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("./workbench"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Scripts.root().toFile());
        pb.environment().put("EDM_SKIP_BUILD", "1");
        Path err = Files.createTempFile("workbench-err", ".txt");
        try {
            pb.redirectError(err.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("./workbench " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The command names listed by ./workbench --help, plus help-cli. */
    static Set<String> commands() throws IOException, InterruptedException {
        Run help = workbench("--help");
        assertEquals(0, help.code(), help.err());
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z][a-z-]*(?:\\|[a-z][a-z-]*)*)").matcher(help.out());
        while (m.find()) {
            names.addAll(List.of(m.group(1).split("\\|")));
        }
        names.add("help-cli");
        assertTrue(names.containsAll(List.of("lab", "test", "run-notebooks", "fetch-data", "sigmas", "sample", "sweep",
                "train", "help")), names.toString());
        return names;
    }

    static boolean javaBuilt() {
        Path root = Scripts.root();
        return Files.isDirectory(root.resolve("target/lib")) && Files.exists(root.resolve("target/.build-stamp"));
    }

    static void assertOneErrorLine(Run r, String what) {
        assertEquals(2, r.code(), what + ": exit status; stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, what + ": one line on stderr, got:\n" + r.err());
        assertTrue(lines[0].startsWith("error: "), what + ": " + lines[0]);
        assertEquals("", r.out().strip(), what + ": nothing on stdout");
    }

    @Test
    void everyCommandRejectsABadOptionWithOneErrorLine() throws Exception {
        boolean built = javaBuilt();
        List<String> skipped = new ArrayList<>();
        for (String c : commands()) {
            if (JAVA.contains(c) && !built) {
                skipped.add(c);
                continue;
            }
            assertOneErrorLine(workbench(c, "--no-such-option"), c + " --no-such-option");
        }
        assumeTrue(skipped.isEmpty(), "not built (run ./workbench test or mvn package): skipped " + skipped);
    }

    @Test
    void otherBadCommandLinesOfTheLauncher() throws Exception {
        String[][] cases = {
            {"no-such-command"},
            {"help", "extra"},
            {"test", "extra"},
            {"lab", "--port"},
            {"lab", "--port", "0"},
            {"lab", "--port", "http"},
            {"run-notebooks", "no-such-notebook"},
            {"run-notebooks", "--timeout"},
            {"run-notebooks", "--timeout", "-5"},
            {"run-notebooks", "--out"},
            {"fetch-data", "cifar10"},
            {"fetch-data", "mnist", "fashion-mnist"},
        };
        for (String[] c : cases) {
            assertOneErrorLine(workbench(c), String.join(" ", c));
        }
    }

    @Test
    void javaCommandsGiveOneLineForBadValues() throws Exception {
        assumeTrue(javaBuilt(), "not built (run ./workbench test or mvn package)");
        String[][] cases = {
            {"sigmas", "--steps", "4", "--rho", "1e-300"},
            {"sigmas", "--steps", "2147483647"},
            {"sample", "--data", "gaussian", "--solver", "dopri", "--tol", "1e-300"},
            {"sweep", "--data", "gaussian", "--steps", ",", "--out", "/nonexistent/t.csv"},
            {"sample"},
            {"sample", "--help", "--bogus"},
        };
        for (String[] c : cases) {
            Run r = workbench(c);
            if (List.of(c).contains("--help")) {
                assertEquals(0, r.code(), r.err());
                assertTrue(r.out().startsWith("usage: sample"), r.out());
                continue;
            }
            assertOneErrorLine(r, String.join(" ", c));
        }
    }
}
