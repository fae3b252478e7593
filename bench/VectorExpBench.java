import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What a fused elementwise pass would cost the ideal denoiser (BENCHMARKS.md, "Ideal denoiser
 * kernel"): on one chunk of B x chunk float64 logits z = l - m (z &lt;= 0), the weights
 * w = exp(max(z, ln floor)) - floor and their sum, in one pass, with JDK 17's incubating Vector API
 * (its exp is the SVML-backed intrinsic on x86) and with a scalar Math.exp loop for comparison.
 * The chunk is B = 256 by 1,024 points, the kernel's default, so the figure compares one to one with
 * the per-operation times of libtorch's passes in BENCHMARKS.md.
 *
 * <p>Run (single-file source launch, no build needed):
 * {@code OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector bench/VectorExpBench.java [rounds]}
 */
public final class VectorExpBench {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double LN_FLOOR = -125 * Math.log(2); // the kernel's floor 2^-125

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int n = 256 * 1024;
        double[] z = new double[n];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            z[i] = -200 * random.nextDouble(); // a spread of weights, most of them far below the floor
        }
        double[] w = new double[n];
        double[] vector = new double[rounds];
        double[] scalar = new double[rounds];
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            double tv = nsPerElement(() -> fused(z, w), n);
            double ts = nsPerElement(() -> scalarPass(z, w), n);
            if (r >= 0) {
                vector[r] = tv;
                scalar[r] = ts;
            }
        }
        if (Math.abs(fused(z, w) - scalarPass(z, w)) > 1e-9 * scalarPass(z, w)) {
            throw new AssertionError("the vector and scalar passes disagree");
        }
        System.out.printf("species %s; chunk 256 x 1024 float64; median of %d rounds%n", SPECIES, rounds);
        System.out.printf("fused clamp + exp + floor + store + sum, Vector API: %.2f ns per element (%.3f ms per chunk)%n",
                median(vector), median(vector) * n / 1e6);
        System.out.printf("the same pass, scalar Math.exp:                     %.2f ns per element (%.3f ms per chunk)%n",
                median(scalar), median(scalar) * n / 1e6);
    }

    /** Sum of w = exp(max(z, ln floor)) - floor, storing w; one pass over z. */
    static double fused(double[] z, double[] w) {
        double floor = Math.exp(LN_FLOOR);
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(z.length); i < bound; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, z, i).max(LN_FLOOR)
                    .lanewise(VectorOperators.EXP).sub(floor);
            v.intoArray(w, i);
            acc = acc.add(v);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < z.length; i++) {
            w[i] = Math.exp(Math.max(z[i], LN_FLOOR)) - floor;
            sum += w[i];
        }
        return sum;
    }

    /** The same pass with scalar Math.exp. */
    static double scalarPass(double[] z, double[] w) {
        double floor = Math.exp(LN_FLOOR);
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            w[i] = Math.exp(Math.max(z[i], LN_FLOOR)) - floor;
            sum += w[i];
        }
        return sum;
    }

    private static double nsPerElement(Runnable pass, int n) {
        int reps = 20;
        long t0 = System.nanoTime();
        for (int k = 0; k < reps; k++) {
            pass.run();
        }
        return (System.nanoTime() - t0) / (double) reps / n;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
