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
import java.util.List;
import java.util.function.Supplier;

/**
 * Throughput of the ideal denoiser's kernel against DJL's own matrix product (not a test).
 *
 * <p>The kernel does two products per chunk, X Y^T for the logits and P Y for the weighted sum, so
 * it is credited 2 B N d + 2 B N d = 4 B N d floating-point operations per call (the exponentials
 * and reductions, O(B N), are not counted). The reference is a square float32 product of size n,
 * 2 n^3 operations. The four calls alternate in each round (warm-up rounds, then
 * the median of timed rounds), so load from other processes hits them alike.
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
            NDArray x32 = x64.toType(DataType.FLOAT32, false);
            NDArray a64 = noise.fork(2).normal(m, 0, square, new Shape(square), 0);
            NDArray c64 = noise.fork(3).normal(m, 0, square, new Shape(square), 0);
            NDArray a32 = a64.toType(DataType.FLOAT32, false);
            NDArray c32 = c64.toType(DataType.FLOAT32, false);
            try (IdealDenoiser ideal64 = new IdealDenoiser(data, Precision.FLOAT64, IdealDenoiser.DEFAULT_CHUNK);
                    IdealDenoiser ideal32 = new IdealDenoiser(data, Precision.FLOAT32, IdealDenoiser.DEFAULT_CHUNK)) {
                List<Supplier<NDArray>> calls = List.of(
                        () -> a32.matMul(c32),
                        () -> ideal32.denoise(x32, 1.0),
                        () -> ideal64.denoise(x64, 1.0),
                        () -> a64.matMul(c64));
                double[] seconds = medians(warmup, repeats, calls);
                double gemmFlops = 2.0 * square * square * square;
                double kernelFlops = 4.0 * b * n * d;
                String[] names = {"DJL matMul float32 " + square + "^2", "ideal denoiser float32",
                    "ideal denoiser float64", "DJL matMul float64 " + square + "^2"};
                double[] flops = {gemmFlops, kernelFlops, kernelFlops, gemmFlops};
                double sgemm = gemmFlops / seconds[0] / 1e9;
                System.out.printf("%-34s %10s %10s %8s%n", "kernel", "ms", "GFLOP/s", "/sgemm");
                for (int i = 0; i < calls.size(); i++) {
                    double rate = flops[i] / seconds[i] / 1e9;
                    System.out.printf("%-34s %10.1f %10.1f %8.2f%n", names[i], seconds[i] * 1e3,
                            rate, rate / sgemm);
                }
            }
        }
    }

    /**
     * Median wall time in seconds of each call over {@code repeats} rounds, after {@code warmup}
     * untimed rounds. The calls alternate within a round, so a change of load on a shared machine
     * affects all of them alike and the ratios stay meaningful.
     */
    private static double[] medians(int warmup, int repeats, List<Supplier<NDArray>> calls) {
        double[][] t = new double[calls.size()][repeats];
        for (int r = -warmup; r < repeats; r++) {
            for (int i = 0; i < calls.size(); i++) {
                long start = System.nanoTime();
                NDArray out = calls.get(i).get();
                double elapsed = (System.nanoTime() - start) / 1e9;
                out.close();
                if (r >= 0) {
                    t[i][r] = elapsed;
                }
            }
        }
        double[] median = new double[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            Arrays.sort(t[i]);
            median[i] = t[i][repeats / 2];
        }
        return median;
    }
}
