package edm.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import java.util.Optional;

/**
 * The kernel behind every {@link Conv}: libtorch's own convolution or the im2col form (see {@link Conv}).
 *
 * <p>{@link #active()} is chosen once per JVM from the system property {@code edm.conv}: {@code libtorch},
 * {@code im2col}, or {@code auto} (the default), which runs {@link ConvKernelCheck} and takes libtorch's kernel
 * only if its float32 outputs and gradients match the float64 im2col reference on this machine. If the check
 * cannot run (e.g. another thread holds DJL's one gradient collector), the im2col kernel is used and
 * {@link #reason()} says why. Both kernels compute the same function; libtorch's is faster (BENCHMARKS.md).
 */
public enum ConvKernel {
    /** libtorch's convolution ({@code Conv2d.conv2d}). */
    LIBTORCH,
    /** im2col, shifted slices and one matrix product. */
    IM2COL;

    /** The system property that picks the kernel. */
    public static final String PROPERTY = "edm.conv";

    /** y = conv(x, w) + b with same padding and stride s, by this kernel. */
    public NDArray apply(NDArray x, NDArray w, NDArray b, int s) {
        return this == LIBTORCH ? Conv.libtorch(x, w, b, s) : Conv.im2col(x, w, b, s);
    }

    /**
     * The kernel used by every {@link Conv} in this JVM (decided on first use).
     *
     * @throws IllegalArgumentException if {@code edm.conv} has a value other than auto, libtorch, im2col
     */
    public static ConvKernel active() {
        if (Choice.BAD_PROPERTY != null) { // fail on every call with the message, not once in class initialization
            throw new IllegalArgumentException(Choice.BAD_PROPERTY);
        }
        return Choice.KERNEL;
    }

    /** How {@link #active()} was decided, e.g. "auto: libtorch passed the check (...)". */
    public static String reason() {
        active();
        return Choice.REASON;
    }

    /** The check's report behind {@link #active()}; empty when the property fixed the kernel or the check failed to run. */
    public static Optional<ConvKernelCheck.Report> report() {
        active();
        return Optional.ofNullable(Choice.REPORT);
    }

    /** The kernel for a value of {@link #PROPERTY}, or null for {@code auto}. */
    static ConvKernel parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "libtorch" -> LIBTORCH;
            case "im2col" -> IM2COL;
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be one of auto, libtorch, im2col, got '" + value + "'");
        };
    }

    private static final class Choice {
        static final ConvKernel KERNEL;
        static final String REASON;
        static final ConvKernelCheck.Report REPORT;
        static final String BAD_PROPERTY;

        static {
            ConvKernel fixed = null;
            String bad = null;
            try {
                fixed = parse(System.getProperty(PROPERTY, "auto"));
            } catch (IllegalArgumentException e) {
                bad = e.getMessage();
            }
            ConvKernelCheck.Report r = null;
            String why;
            if (bad != null) {
                why = bad;
            } else if (fixed != null) {
                why = PROPERTY + "=" + System.getProperty(PROPERTY);
            } else {
                try {
                    r = ConvKernelCheck.run();
                    fixed = r.sound() ? LIBTORCH : IM2COL;
                    why = "auto: libtorch " + (r.sound() ? "passed" : "failed") + " the check (" + r + ")";
                } catch (RuntimeException e) {
                    fixed = IM2COL;
                    why = "auto: the check could not run (" + e + "); im2col, which is sound everywhere";
                }
            }
            KERNEL = fixed;
            REASON = why;
            REPORT = r;
            BAD_PROPERTY = bad;
        }
    }
}
