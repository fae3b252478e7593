package edm.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import edm.nn.ConvKernel;
import java.util.Arrays;
import java.util.Locale;

/**
 * Seconds per forward + backward of one 3x3 stride-1 convolution by each {@link ConvKernel}, im2col + GEMM
 * against libtorch's, for (B, C_in, C_out, H = W); median of 5 after one warm-up. Not a test; run with
 * OMP_NUM_THREADS=2.
 */
public final class ConvBench {
    private ConvBench() {}

    /** Entry point. */
    public static void main(String[] a) {
        int[][] cases = {{64, 32, 32, 8}, {64, 32, 32, 28}, {64, 64, 64, 14}};
        System.out.println("(B, C_in, C_out, H)   im2col      libtorch    ratio");
        for (int[] c : cases) {
            double[] t = new double[2];
            for (ConvKernel k : ConvKernel.values()) {
                t[k.ordinal()] = seconds(k, c);
            }
            System.out.printf(Locale.ROOT, "%-20s  %.4f s    %.4f s    %.1fx%n", Arrays.toString(c),
                    t[ConvKernel.IM2COL.ordinal()], t[ConvKernel.LIBTORCH.ordinal()],
                    t[ConvKernel.IM2COL.ordinal()] / t[ConvKernel.LIBTORCH.ordinal()]);
        }
    }

    private static double seconds(ConvKernel k, int[] c) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.randomNormal(new Shape(c[2], c[1], 3, 3)).mul(0.1);
            NDArray b = m.zeros(new Shape(c[2]));
            for (NDArray v : new NDArray[] {w, b}) {
                v.setRequiresGradient(true);
            }
            double[] t = new double[6];
            for (int r = 0; r < t.length; r++) {
                try (NDManager sm = m.newSubManager()) {
                    NDArray x = sm.randomNormal(new Shape(c[0], c[1], c[3], c[3])); // the step's arrays live in sm
                    x.setRequiresGradient(true);
                    long t0 = System.nanoTime(); // forward and backward only
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(k.apply(x, w, b, 1).square().sum());
                    }
                    t[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            double[] timed = Arrays.copyOfRange(t, 1, t.length);
            Arrays.sort(timed);
            return timed[timed.length / 2];
        }
    }
}
