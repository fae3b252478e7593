package edm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Facts about the running workbench: quick mode, versions and the compute device.
 *
 * <p>Quick mode shrinks sample counts, steps and epochs so every notebook runs top to bottom in a
 * test; it is on when the environment variable {@code EDM_QUICK} (or the system property
 * {@code edm.quick}) is {@code 1} or {@code true}. The default is the full reproduction.
 */
public final class Workbench {
    /** Environment variable that switches quick mode on. */
    public static final String QUICK_ENV = "EDM_QUICK";

    private Workbench() {}

    /** True in quick mode (tests); false for the full reproduction. */
    public static boolean quick() {
        String v = System.getProperty("edm.quick", System.getenv(QUICK_ENV));
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    /** {@code full} normally, {@code quick} in quick mode. */
    public static int pick(int full, int quick) {
        return quick() ? quick : full;
    }

    /** {@code full} normally, {@code quick} in quick mode. */
    public static double pick(double full, double quick) {
        return quick() ? quick : full;
    }

    /** The device DJL computes on: the first GPU when the engine sees one, else the CPU. */
    public static Device device() {
        return Engine.getInstance().defaultDevice();
    }

    /** Versions of the runtime and the main libraries, for the record of a notebook run. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        v.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        v.put("CPU cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        Engine engine = Engine.getInstance();
        v.put("DJL", Engine.getDjlVersion());
        v.put("DJL engine", engine.getEngineName() + " " + engine.getVersion());
        v.put("Device", device().toString() + " (GPUs visible: " + engine.getGpuCount() + ")");
        v.put("ND4J backend", nd4jBackend());
        v.put("Quick mode", Boolean.toString(quick()));
        return v;
    }

    private static String nd4jBackend() {
        return Nd4j.getBackend().getClass().getSimpleName()
                + " (BLAS: " + Nd4j.factory().blas().getBlasVendor() + ")";
    }
}
