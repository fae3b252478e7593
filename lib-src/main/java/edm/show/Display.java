package edm.show;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The bridge to the Jupyter kernel's display channel.
 *
 * <p>Inside the project's Java kernel (rapaio-jupyter-kernel) a MIME bundle is published as a
 * {@code display_data} message and can later be replaced in place with {@code update_display_data}.
 * The kernel is reached by reflection so that the library has no compile-time dependency on it and
 * runs unchanged from the command line, where {@link #inNotebook()} is false and callers fall back to
 * text output.
 */
public final class Display {
    private static final String KERNEL_APP = "org.rapaio.jupyter.kernel.MainApp";
    private static final String DISPLAY_DATA = "org.rapaio.jupyter.kernel.display.DisplayData";
    private static volatile Object kernel;

    private Display() {}

    /** True when running inside a live Java kernel that can publish rich output. */
    public static boolean inNotebook() {
        return kernel() != null;
    }

    /**
     * Publishes a MIME bundle (e.g. {@code text/html} and {@code text/plain}) as a new output.
     *
     * @return the display id, usable with {@link #update(String, Map)}
     * @throws IllegalStateException when not in a notebook
     */
    public static String show(Map<String, String> bundle) {
        String id = UUID.randomUUID().toString();
        publish("display", id, bundle);
        return id;
    }

    /** Replaces the output with the given display id by a new MIME bundle. */
    public static void update(String id, Map<String, String> bundle) {
        publish("updateDisplay", id, bundle);
    }

    /** A bundle of one MIME type plus its plain-text fallback. */
    public static Map<String, String> bundle(String mime, String content, String plainText) {
        Map<String, String> b = new LinkedHashMap<>();
        b.put(mime, content);
        b.put("text/plain", plainText);
        return b;
    }

    private static void publish(String method, String id, Map<String, String> bundle) {
        Object k = kernel();
        if (k == null) {
            throw new IllegalStateException("no Jupyter kernel is running in this JVM; use the text fallback");
        }
        if (bundle.isEmpty()) {
            throw new IllegalArgumentException("bundle must hold at least one MIME type");
        }
        try {
            ClassLoader cl = k.getClass().getClassLoader();
            Class<?> dataClass = Class.forName(DISPLAY_DATA, true, cl);
            var it = bundle.entrySet().iterator();
            var first = it.next();
            Object data = dataClass.getMethod("withType", String.class, String.class)
                    .invoke(null, first.getKey(), first.getValue());
            Method put = dataClass.getMethod("putData", String.class, Object.class);
            while (it.hasNext()) {
                var e = it.next();
                put.invoke(data, e.getKey(), e.getValue());
            }
            dataClass.getMethod("setDisplayId", String.class).invoke(data, id);
            k.getClass().getMethod(method, dataClass).invoke(k, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the kernel's display API is not the expected one: " + e, e);
        }
    }

    private static Object kernel() {
        Object k = kernel;
        if (k == null) {
            k = findKernel(); // looked up again until found: the kernel may start after this class
            kernel = k;
        }
        return k;
    }

    private static Object findKernel() {
        for (ClassLoader cl : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                Display.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
            if (cl == null) continue;
            try {
                Field f = Class.forName(KERNEL_APP, true, cl).getField("kernel");
                Object k = f.get(null);
                if (k != null) return k;
            } catch (ReflectiveOperationException | LinkageError ignored) {
                // not inside the kernel
            }
        }
        return null;
    }
}
