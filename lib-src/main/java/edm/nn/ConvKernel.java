package edm.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * The kernel behind every {@link Conv}: libtorch's own convolution or the im2col form (see {@link Conv}).
 *
 * <p>{@link #active()} is chosen once per JVM from the system property {@code edm.conv}: {@code libtorch},
 * {@code im2col}, or {@code auto} (the default), which runs {@link ConvKernelCheck} and takes libtorch's kernel
 * only if its float32 outputs and gradients match the float64 im2col reference on this machine. Both kernels
 * compute the same function; libtorch's is 10 to 25 times faster on a CPU (BENCHMARKS.md).
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

    /** The kernel used by every {@link Conv} in this JVM (decided on first use). */
    public static ConvKernel active() {
        return Choice.KERNEL;
    }

    /** How {@link #active()} was decided, e.g. "auto: libtorch passed the check (...)". */
    public static String reason() {
        return Choice.REASON;
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

        static {
            ConvKernel fixed = parse(System.getProperty(PROPERTY, "auto"));
            if (fixed != null) {
                KERNEL = fixed;
                REASON = PROPERTY + "=" + System.getProperty(PROPERTY);
            } else {
                ConvKernelCheck.Report r = ConvKernelCheck.run();
                KERNEL = r.sound() ? LIBTORCH : IM2COL;
                REASON = "auto: libtorch " + (r.sound() ? "passed" : "failed") + " the check (" + r + ")";
            }
        }
    }
}
