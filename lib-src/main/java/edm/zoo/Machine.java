package edm.zoo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine a run trained on, for status files and model cards. */
public final class Machine {
    private Machine() {}

    /** CPU model, logical cores, memory and the device the tensor engine uses, e.g. "Intel(R) Xeon(R) ..., 2 cores, 24 GB, cpu()". */
    public static String describe() {
        String cpu = "unknown CPU";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        long gb = Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / 1e9);
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + gb + " GB, "
                + ai.djl.engine.Engine.getInstance().defaultDevice();
    }
}
