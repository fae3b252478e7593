package edm.denoise.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.data.DataFileException;
import edm.data.ImageSet;
import edm.data.Mnist;
import edm.data.Split;
import edm.denoise.IdealDenoiser;
import edm.denoise.Precision;
import edm.rand.NoiseStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Throughput of the ideal denoiser's kernel against DJL's own matrix product, in float32 against
 * sgemm and in float64 against dgemm, on random data and on MNIST, all in one run (not a test).
 *
 * <p>The kernel does two products per chunk, X Y^T for the logits and P Y for the weighted sum, so
 * it is credited 2 B N d + 2 B N d = 4 B N d floating-point operations per call (the exponentials
 * and reductions, O(B N), are not counted). The references are square products of size n in each
 * precision, 2 n^3 operations. The two products of the kernel alone, on arrays of its shapes, show
 * what it would reach with free exponentials and reductions. Data: N points of d = 784 values, either standard normal or the
 * first N MNIST training images in [-1, 1]; queries: B points x = x_0 + sigma n with x_0 standard
 * normal (random) or MNIST test images. All calls alternate in each round (warm-up rounds, then
 * the median of timed rounds), so load from other processes hits them alike. MNIST is skipped with
 * a note when it is not fetched ({@code ./workbench fetch-data mnist}).
 *
 * <p>Arguments (all optional): N B n repeats sigma chunk; defaults 10000 256 2048 7 1.0 {@value IdealDenoiser#DEFAULT_CHUNK}.
 */
public final class IdealDenoiserBench {
    private static final int D = 784;

    private IdealDenoiserBench() {}

    /** Runs the benchmark and prints a table. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int b = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int square = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        double sigma = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        int chunk = args.length > 5 ? Integer.parseInt(args[5]) : IdealDenoiser.DEFAULT_CHUNK;
        int warmup = 2;
        System.out.printf("engine %s %s, %d processors; N = %d, d = %d, B = %d, sigma = %s, chunk = %d, square n = %d,"
                + " median of %d after %d warm-up%n", Engine.getInstance().getEngineName(),
                Engine.getInstance().getVersion(), Runtime.getRuntime().availableProcessors(),
                n, D, b, sigma, chunk, square, repeats, warmup);
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(20220601);
            NDArray a64 = noise.fork(2).normal(m, 0, square, new Shape(square), 0);
            NDArray c64 = noise.fork(3).normal(m, 0, square, new Shape(square), 0);
            NDArray a32 = a64.toType(DataType.FLOAT32, false);
            NDArray c32 = c64.toType(DataType.FLOAT32, false);
            List<String> names = new ArrayList<>(List.of("matMul float32 " + square + "^2 (sgemm)",
                    "matMul float64 " + square + "^2 (dgemm)"));
            List<Supplier<NDArray>> calls = new ArrayList<>(List.of(() -> a32.matMul(c32), () -> a64.matMul(c64)));
            List<IdealDenoiser> kernels = new ArrayList<>();
            addProducts(m, noise.fork(5), n, b, chunk, names, calls);
            NDArray eps = noise.fork(4).normal(m, 0, b, new Shape(D), 0).muli(sigma);
            NDArray randomData = noise.normal(m, 0, n, new Shape(D), 0);
            NDArray randomX = noise.fork(1).normal(m, 0, b, new Shape(D), 0).addi(eps);
            add("random", randomData, randomX, sigma, chunk, names, calls, kernels);
            try {
                ImageSet train = Mnist.load(Split.TRAIN);
                ImageSet test = Mnist.load(Split.TEST);
                NDArray mnistData = train.head(Math.min(n, train.size())).flat(m).toType(DataType.FLOAT64, false);
                NDArray mnistX = test.head(b).flat(m).toType(DataType.FLOAT64, false).addi(eps);
                add("MNIST", mnistData, mnistX, sigma, chunk, names, calls, kernels);
            } catch (DataFileException e) {
                System.out.println("MNIST skipped: " + e.getMessage());
            }
            try {
                double[] seconds = medians(warmup, repeats, calls);
                double gemmFlops = 2.0 * square * square * square;
                double kernelFlops = 4.0 * b * n * D;
                double[] gemmRate = {gemmFlops / seconds[0] / 1e9, gemmFlops / seconds[1] / 1e9};
                System.out.printf("%-34s %10s %10s %10s%n", "kernel", "ms", "GFLOP/s", "/same-precision gemm");
                for (int i = 0; i < calls.size(); i++) {
                    int precision = i < 2 ? i : i % 2; // 0: float32, 1: float64
                    double rate = (i < 2 ? gemmFlops : kernelFlops) / seconds[i] / 1e9;
                    System.out.printf("%-34s %10.1f %10.1f %10.2f%n", names.get(i), seconds[i] * 1e3,
                            rate, rate / gemmRate[precision]);
                }
            } finally {
                kernels.forEach(IdealDenoiser::close);
            }
        }
    }

    /**
     * Adds the kernel's two products alone, in each precision, on arrays of its shapes: per chunk of
     * n_c points, [X, 1] (B, d + 1) times a transposed chunk (d + 1, n_c), and a (B, n_c) weight
     * matrix times the chunk. What the kernel would take with free exponentials and reductions.
     */
    private static void addProducts(NDManager m, NoiseStream noise, int n, int b, int chunk, List<String> names,
            List<Supplier<NDArray>> calls) {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            NDArray data = noise.normal(m, 0, n, new Shape(D + 1), 0).toType(type, false);
            NDArray x = noise.fork(1).normal(m, 0, b, new Shape(D + 1), 0).toType(type, false);
            List<NDArray[]> parts = new ArrayList<>();
            for (int a = 0; a < n; a += chunk) {
                NDArray c = data.get(a + ":" + Math.min(n, a + chunk));
                parts.add(new NDArray[] {c, c.transpose(), m.ones(new Shape(b, c.getShape().get(0)), type)});
            }
            names.add("two products only, " + (type == DataType.FLOAT32 ? "float32" : "float64"));
            calls.add(() -> {
                for (NDArray[] part : parts) {
                    x.matMul(part[1]).close();
                    part[2].matMul(part[0]).close();
                }
                return m.create(0f);
            });
        }
    }

    /** Adds the float32 and float64 kernels on one data set (data and x in float64). */
    private static void add(String label, NDArray data, NDArray x64, double sigma, int chunk, List<String> names,
            List<Supplier<NDArray>> calls, List<IdealDenoiser> kernels) {
        NDArray x32 = x64.toType(DataType.FLOAT32, false);
        IdealDenoiser ideal32 = new IdealDenoiser(data, Precision.FLOAT32, chunk);
        IdealDenoiser ideal64 = new IdealDenoiser(data, Precision.FLOAT64, chunk);
        kernels.add(ideal32);
        kernels.add(ideal64);
        names.add("ideal denoiser float32, " + label);
        calls.add(() -> ideal32.denoise(x32, sigma));
        names.add("ideal denoiser float64, " + label);
        calls.add(() -> ideal64.denoise(x64, sigma));
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
