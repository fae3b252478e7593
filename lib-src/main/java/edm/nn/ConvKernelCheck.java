package edm.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Is libtorch's float32 convolution sound on this machine (or any candidate convolution)? For a few shapes (3x3 stride 1 and 2, 1x1), with
 * seeded inputs, the output y and the gradients of L = sum(r * y) with respect to x, w and b are computed by
 * libtorch in float32, with the native heap filled with freed NaN arrays between forward and backward (the
 * condition under which an earlier machine returned NaN input gradients), and compared with the im2col form
 * in float64 (itself checked against finite differences in the tests).
 *
 * <pre>
 *   error = max over cases, reps, and y, dL/dx, dL/dw, dL/db of  max|lib32 - ref64| / (1 + max|ref64|)
 *   sound = no non-finite value and error &lt;= 1e-4
 * </pre>
 *
 * The cases include one at a training size (C_in k^2 = 1152 products per output, B H W = 784 per weight
 * gradient), since libtorch picks its algorithm by shape. Float32 sums of a few thousand products of
 * unit-scale numbers are off by about 1e-6 to 1e-5 relative to their largest value; the faults seen before were
 * NaN or O(1) relative errors, so 1e-4 separates the two by orders of magnitude.
 *
 * <p>The check runs on the CPU and, when the engine's default device is another one (a GPU), there as well: the
 * feature classifiers compute on the CPU and the networks on the default device, so both kernels must pass.
 */
public final class ConvKernelCheck {
    /** The largest relative error that counts as sound. */
    public static final double TOLERANCE = 1e-4;

    /** {B, C_in, C_out, k, stride, H, W}. */
    private static final int[][] CASES = {
        {2, 1, 8, 3, 1, 8, 8}, {2, 16, 8, 3, 1, 5, 6}, {4, 8, 8, 3, 1, 8, 8}, {2, 8, 16, 3, 2, 7, 9},
        {4, 32, 32, 3, 1, 14, 14}, {2, 4, 4, 1, 1, 6, 6}, {4, 128, 64, 3, 1, 14, 14},
    };
    private static final int REPS = 3;

    private ConvKernelCheck() {}

    /**
     * The outcome.
     *
     * @param comparisons case-repetitions compared
     * @param maxError    the largest relative error (see the class formula)
     * @param nonFinite   non-finite values among libtorch's outputs and gradients
     */
    public record Report(int comparisons, double maxError, long nonFinite) {
        /** No non-finite value and maxError within {@link #TOLERANCE}. */
        public boolean sound() {
            return nonFinite == 0 && maxError <= TOLERANCE;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d comparisons, max relative error %.1e, %d non-finite",
                    comparisons, maxError, nonFinite);
        }
    }

    /** A convolution y = conv(x, w) + b with same padding and stride s, as a function to check. */
    @FunctionalInterface
    public interface Candidate {
        /** y for x (B, C_in, H, W), w (C_out, C_in, k, k), b (C_out). */
        NDArray apply(NDArray x, NDArray w, NDArray b, int s);
    }

    /** Checks libtorch's kernel (a fraction of a second). */
    public static Report run() {
        return run(ConvKernel.LIBTORCH::apply);
    }

    /** Checks {@code candidate} in float32 against the im2col form in float64, on the CPU and the default device. */
    public static Report run(Candidate candidate) {
        Device main = Engine.getInstance().defaultDevice();
        Report cpu = run(candidate, Device.cpu());
        if (main.equals(Device.cpu())) {
            return cpu;
        }
        Report other = run(candidate, main);
        return new Report(cpu.comparisons() + other.comparisons(), Math.max(cpu.maxError(), other.maxError()),
                cpu.nonFinite() + other.nonFinite());
    }

    private static Report run(Candidate candidate, Device device) {
        double worst = 0;
        long bad = 0;
        int n = 0;
        SplittableRandom rng = new SplittableRandom(2022);
        for (int rep = 0; rep < REPS; rep++) {
            for (int[] c : CASES) {
                try (NDManager m = NDManager.newBaseManager(device)) {
                    NDArray x = normal(m, rng, c[0], c[1], c[5], c[6]);
                    NDArray w = normal(m, rng, c[2], c[1], c[3], c[3]);
                    NDArray b = normal(m, rng, c[2]);
                    NDArray[] lib = outputAndGradients(x, w, b, null, c[4], candidate, DataType.FLOAT32, rng);
                    NDArray[] ref = outputAndGradients(x, w, b, lib[4], c[4], ConvKernel.IM2COL::apply,
                            DataType.FLOAT64, rng);
                    for (int i = 0; i < 4; i++) {
                        bad += nonFinite(lib[i]);
                        NDArray r = ref[i];
                        double scale = 1 + r.abs().max().getDouble();
                        double e = lib[i].toType(DataType.FLOAT64, false).sub(r).abs().max().getDouble() / scale;
                        worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(worst, e);
                    }
                    n++;
                }
            }
        }
        return new Report(n, worst, bad);
    }

    /**
     * {y, dL/dx, dL/dw, dL/db, r} in type t, the heap dirtied before backward in float32 (the candidate's run);
     * r (the output weights of L) is drawn when null.
     */
    private static NDArray[] outputAndGradients(NDArray x, NDArray w, NDArray b, NDArray r, int s, Candidate k,
            DataType t, SplittableRandom rng) {
        NDArray[] v = {x.toType(t, true), w.toType(t, true), b.toType(t, true)};
        for (NDArray a : v) {
            a.setRequiresGradient(true);
        }
        NDArray y;
        NDArray weights;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            y = k.apply(v[0], v[1], v[2], s);
            weights = r != null ? r : normal(x.getManager(), rng, y.getShape().getShape());
            if (t == DataType.FLOAT32) {
                dirtyNativeHeap(x.getManager());
            }
            gc.backward(y.mul(weights.toType(t, false)).sum());
        }
        return new NDArray[] {y, v[0].getGradient(), v[1].getGradient(), v[2].getGradient(), weights};
    }

    /** Allocates and frees NaN-filled arrays of several sizes, so freed native memory holds NaN. */
    static void dirtyNativeHeap(NDManager m) {
        for (int size : new int[] {64, 256, 1024, 4096, 16384, 65536}) {
            for (int r = 0; r < 20; r++) {
                m.full(new Shape(size), Float.NaN, DataType.FLOAT32).close();
            }
        }
    }

    private static NDArray normal(NDManager m, SplittableRandom rng, long... shape) {
        float[] v = new float[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return m.create(v, new Shape(shape));
    }

    private static long nonFinite(NDArray a) {
        long bad = 0;
        for (double v : a.toType(DataType.FLOAT64, false).toDoubleArray()) {
            bad += Double.isFinite(v) ? 0 : 1;
        }
        return bad;
    }
}
