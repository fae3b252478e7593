package edm.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import edm.nn.Conv;
import java.lang.management.ManagementFactory;

/**
 * Seconds per forward + backward of one 3x3 stride-1 convolution, {@link Conv} (im2col + GEMM) against DJL's
 * {@code Conv2d} (libtorch kernel, whose float32 input gradient is unsound on this build), for (B, C_in, C_out, H=W)
 * in {64, 32, 32, 8}, {64, 32, 32, 28}, {64, 64, 64, 14}; wall and process CPU time, mean of 3 after 1 warm-up.
 * Not a test; run with OMP_NUM_THREADS=2.
 */
public final class ConvBench {
    private ConvBench() {}

    static double cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9; }
    /** Entry point. */
    public static void main(String[] a) {
        int[][] cases = {{64, 32, 32, 8}, {64, 32, 32, 28}, {64, 64, 64, 14}};
        for (int[] c : cases) {
            for (int impl = 0; impl < 2; impl++) {
                try (NDManager m = NDManager.newBaseManager()) {
                    Block b = impl == 0 ? new Conv(c[2], 3, 1) : Conv2d.builder().setFilters(c[2]).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
                    Shape xs = new Shape(c[0], c[1], c[3], c[3]);
                    b.initialize(m, DataType.FLOAT32, xs);
                    NDArray x = m.randomNormal(xs);
                    x.setRequiresGradient(true);
                    int reps = 3;
                    double w0 = 0, c0 = 0;
                    for (int r = 0; r < reps + 1; r++) {
                        if (r == 1) { w0 = System.nanoTime() / 1e9; c0 = cpu(); }
                        try (NDManager sm = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray y = b.forward(new ParameterStore(sm, false), new NDList(x), true).singletonOrThrow();
                            gc.backward(y.square().sum());
                        }
                    }
                    System.out.printf("%s %s: wall %.3f s, cpu %.3f s per fwd+bwd%n", impl == 0 ? "Conv  " : "Conv2d", java.util.Arrays.toString(c),
                            (System.nanoTime() / 1e9 - w0) / reps, (cpu() - c0) / reps);
                }
            }
        }
    }
}
