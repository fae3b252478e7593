package edm.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the project's environment scripts from tests, with the Python the launcher chose. */
final class Scripts {
    record Result(int exitCode, String output) {}

    private Scripts() {}

    static Path root() {
        String home = System.getenv("EDM_WORKBENCH_HOME");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    static String python() {
        String py = System.getProperty("edm.python", System.getenv("EDM_PYTHON"));
        return py != null && !py.isBlank() ? py : "/usr/bin/python3";
    }

    /** Runs {@code python script args...} in the project root, merging stdout and stderr. */
    static Result python(String script, long timeoutMinutes, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python(), root().resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes(); // the scripts bound their own waits
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, new String(out, StandardCharsets.UTF_8) + "\n(timed out)");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
