package edm.denoise.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.denoise.IdealDenoiser;
import edm.denoise.Precision;
import edm.rand.NoiseStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Throughput of the ideal denoiser's kernel against DJL's own matrix product (not a test).
 *
 * <p>The kernel does two products per chunk, X Y^T for the logits and P Y for the weighted sum, so
 * it is credited 2 B N d + 2 B N d = 4 B N d floating-point operations per call (the exponentials
 * and reductions, O(B N), are not counted). The reference is a square float32 product of size n,
 * 2 n^3 operations. Each measurement: warm-up calls, then the median of several timed repeats.
 *
 * <p>Arguments (all optional): N d B n repeats; defaults 10000 784 256 2048 7.
 */
public final class IdealDenoiserBench {
    private IdealDenoiserBench() {}

    /** Runs the benchmark and prints a table. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 784;
        int b = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int square = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        int warmup = 2;
        System.out.printf("engine %s %s, %d processors; N = %d, d = %d, B = %d, square n = %d,"
                + " median of %d after %d warm-up%n", Engine.getInstance().getEngineName(),
                Engine.getInstance().getVersion(), Runtime.getRuntime().availableProcessors(),
                n, d, b, square, repeats, warmup);
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(20220601);
            NDArray data = noise.normal(m, 0, n, new Shape(d), 0);
            NDArray x64 = noise.fork(1).normal(m, 0, b, new Shape(d), 0);
            double kernelFlops = 4.0 * b * n * d;
            System.out.printf("%-34s %10s %10s %8s%n", "kernel", "ms", "GFLOP/s", "/sgemm");
            NDArray a = noise.fork(2).normal(m, 0, square, new Shape(square), 0).toType(DataType.FLOAT32, false);
            NDArray c = noise.fork(3).normal(m, 0, square, new Shape(square), 0).toType(DataType.FLOAT32, false);
            double gemmSeconds = median(warmup, repeats, () -> a.matMul(c));
            double sgemm = 2.0 * square * square * square / gemmSeconds / 1e9;
            double[] rates = new double[2];
            for (Precision p : Precision.values()) {
                try (IdealDenoiser ideal = new IdealDenoiser(data, p, IdealDenoiser.DEFAULT_CHUNK)) {
                    NDArray x = x64.toType(p.dataType(), false);
                    double seconds = median(warmup, repeats, () -> ideal.denoise(x, 1.0));
                    double rate = kernelFlops / seconds / 1e9;
                    rates[p.ordinal()] = rate;
                    System.out.printf("%-34s %10.1f %10.1f %8.2f%n",
                            "ideal denoiser " + p.name().toLowerCase(), seconds * 1e3, rate, rate / sgemm);
                }
            }
            NDArray a64 = a.toType(DataType.FLOAT64, false);
            NDArray c64 = c.toType(DataType.FLOAT64, false);
            double dgemmSeconds = median(warmup, repeats, () -> a64.matMul(c64));
            double dgemm = 2.0 * square * square * square / dgemmSeconds / 1e9;
            System.out.printf("%-34s %10.1f %10.1f %8.2f%n", "DJL matMul float32 " + square + "^2",
                    gemmSeconds * 1e3, sgemm, 1.0);
            System.out.printf("%-34s %10.1f %10.1f %8.2f%n", "DJL matMul float64 " + square + "^2",
                    dgemmSeconds * 1e3, dgemm, dgemm / sgemm);
        }
    }

    /** Median wall time in seconds of {@code repeats} calls after {@code warmup} untimed ones. */
    private static double median(int warmup, int repeats, Supplier<NDArray> call) {
        for (int i = 0; i < warmup; i++) {
            call.get().close();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            NDArray out = call.get();
            t[i] = (System.nanoTime() - start) / 1e9;
            out.close();
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
