package edm.sample.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.IdealDenoiser;
import edm.rand.NoiseStream;
import edm.sample.Churn;
import edm.sample.Discretization;
import edm.sample.DpmSolver2M;
import edm.sample.OdeMethod;
import edm.sample.OdeSampler;
import edm.sample.SampleRun;
import edm.sample.Sampler;
import edm.sample.StochasticSampler;
import edm.process.NoiseProcess;
import java.util.Arrays;

/**
 * Sampler overhead: the wall time of a sampler run divided by NFE times the wall time of one
 * evaluation of D on the same batch,
 * <pre>
 *   overhead = T_run / (NFE * T_D) = T_run / sum_calls T_D(call)
 * </pre>
 * T_D is timed inside the run, call by call (the cost of the ideal denoiser depends on sigma, so a
 * call timed at one sigma does not stand for all); the table also shows the median time of a call
 * at sigma = 0.5 .. 3.5 for scale.
 * 1 means the sampler's own arithmetic (state updates, noise, NaN checks, memory scopes) is free;
 * the target is below 1.05. D is the ideal denoiser of 2,000 random points in dimension 64 (float64)
 * on a batch of 1,024 samples, heavy enough to fill the CPU. Medians of {@code reps} runs (default 5).
 *
 * <p>Run: {@code java -cp ... edm.sample.bench.SamplerOverheadBench [reps]}.
 */
public final class SamplerOverheadBench {
    private SamplerOverheadBench() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int points = 2000, dim = 64, batch = 1024, steps = 16;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = new NoiseStream(1).normal(m, 0, points, new Shape(dim), 0);
            try (IdealDenoiser ideal = new IdealDenoiser(data)) {
                NDArray x = new NoiseStream(2).normal(m, 0, batch, new Shape(dim), 0).muli(2);
                for (int i = 0; i < 5; i++) ideal.denoise(x, 1.0).close(); // warm-up
                double[] td = new double[Math.max(reps, 3) * 4];
                for (int i = 0; i < td.length; i++) {
                    long t0 = System.nanoTime();
                    ideal.denoise(x, 0.5 + i % 4).close();
                    td[i] = (System.nanoTime() - t0) / 1e6;
                }
                double tD = median(td);
                System.out.printf("D: ideal denoiser, %d points x %d dims, batch %d, float64: %.2f ms per call "
                        + "(median of %d)%n", points, dim, batch, tD, td.length);
                Sampler[] samplers = {
                    new OdeSampler(NoiseProcess.edm(), Discretization.edm(), steps, OdeMethod.EULER),
                    new OdeSampler(NoiseProcess.edm(), Discretization.edm(), steps, OdeMethod.HEUN),
                    new OdeSampler(NoiseProcess.vp(), Discretization.vp(), steps, OdeMethod.HEUN),
                    new DpmSolver2M(Discretization.edm(), steps),
                    new StochasticSampler(Discretization.edm(), steps, OdeMethod.HEUN, Churn.of(40)),
                };
                System.out.printf("%-48s %5s %10s %12s %9s%n", "sampler", "NFE", "run ms", "sum T_D ms", "overhead");
                for (Sampler s : samplers) {
                    double[] t = new double[reps];
                    long nfe = 0;
                    double[] inD = new double[reps];
                    for (int r = 0; r <= reps; r++) { // r = 0 is a warm-up
                        Timed d = new Timed(ideal);
                        try (NDManager sub = m.newSubManager()) {
                            long t0 = System.nanoTime();
                            s.sample(d, SampleRun.of(sub, batch, new Shape(dim)).seed(r).build());
                            if (r > 0) {
                                t[r - 1] = (System.nanoTime() - t0) / 1e6;
                                inD[r - 1] = d.nanos / 1e6;
                            }
                        }
                        nfe = d.calls;
                    }
                    double[] ratio = new double[reps];
                    for (int r = 0; r < reps; r++) ratio[r] = t[r] / inD[r];
                    System.out.printf("%-48s %5d %10.1f %12.1f %9.3f%n", s.name(), nfe, median(t), median(inD),
                            median(ratio));
                }
            }
        }
    }

    /** D with the time spent inside it and the number of calls. */
    private static final class Timed implements edm.denoise.Denoiser {
        final edm.denoise.Denoiser inner;
        long nanos;
        long calls;

        Timed(edm.denoise.Denoiser inner) {
            this.inner = inner;
        }

        @Override
        public NDArray denoise(NDArray x, double sigma) {
            long t0 = System.nanoTime();
            NDArray out = inner.denoise(x, sigma);
            nanos += System.nanoTime() - t0;
            calls++;
            return out;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
