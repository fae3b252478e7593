package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.data.Toy2d;
import edm.denoise.CountingDenoiser;
import edm.denoise.GaussianData;
import edm.denoise.GaussianMixture;
import edm.denoise.IdealDenoiser;
import edm.process.NoiseProcess;
import org.junit.jupiter.api.Test;

/** Properties of the samplers on exact denoisers: equalities, Monte Carlo moments, determinism. */
class SamplerPropertiesTest {
    static final GaussianData DATA = ConvergenceOrderTest.DATA;

    static double[] run(Sampler s, edm.denoise.Denoiser d, long[] ids, Shape shape, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            return s.sample(d, SampleRun.of(m, ids, shape).seed(seed).build()).toDoubleArray();
        }
    }

    static long[] range(int from, int to) {
        long[] ids = new long[to - from];
        for (int i = 0; i < ids.length; i++) ids[i] = from + i;
        return ids;
    }

    @Test
    void noChurnEqualsAlgorithm1BitForBit() {
        GaussianMixture gm = GaussianMixture.ncsnToy();
        for (OdeMethod method : new OdeMethod[] {OdeMethod.EULER, OdeMethod.HEUN, OdeMethod.RALSTON}) {
            StochasticSampler st = new StochasticSampler(Discretization.edm(), 12, method, Churn.NONE);
            double[] a = run(st, gm, range(0, 6), new Shape(2), 3);
            double[] b = run(st.ode(), gm, range(0, 6), new Shape(2), 3);
            assertArrayEquals(b, a, 0.0, method.name());
        }
    }

    @Test
    void churnWindowAndCap() {
        Churn c = Churn.imagenet64();
        assertEquals(40.0 / 256, c.gamma(1, 256), 0);
        assertEquals(Churn.GAMMA_MAX, c.gamma(1, 18), 0);
        assertEquals(0, c.gamma(60, 256), 0);
        assertEquals(0, c.gamma(0.01, 256), 0);
        assertEquals(0, Churn.NONE.gamma(1, 18), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> new Churn(-1, 0, 1, 1));
        assertTrue(e.getMessage().startsWith("sChurn"));
        e = assertThrows(IllegalArgumentException.class, () -> new Churn(1, 2, 1, 1));
        assertTrue(e.getMessage().startsWith("sTmax"));
        assertThrows(IllegalArgumentException.class, () -> new StochasticSampler(Discretization.edm(), 0,
                OdeMethod.HEUN, Churn.NONE));
    }

    /**
     * NCSN's mixture 0.8 N((-5,-5), I) + 0.2 N((5,5), I) with churn: the weight of the upper mode and
     * the first two moments of coordinate 0 match within 4 standard errors (estimated from the
     * 2,000 samples themselves), the sampler's bias at N = 32 being far smaller.
     */
    @Test
    void stochasticSamplerRecoversMixtureWeightsAndMoments() {
        GaussianMixture gm = GaussianMixture.ncsnToy();
        int n = 2000;
        CountingDenoiser d = gm.counted();
        double[] x = run(StochasticSampler.edm(32, Churn.of(10)), d, range(0, n), new Shape(2), 11);
        assertEquals(63, d.nfe());
        double upper = 0, mean = 0;
        for (int i = 0; i < n; i++) {
            upper += (x[2 * i] + x[2 * i + 1] > 0) ? 1.0 / n : 0;
            mean += x[2 * i] / n;
        }
        double var = 0, m4 = 0;
        for (int i = 0; i < n; i++) {
            double z = x[2 * i] - mean;
            var += z * z / n;
            m4 += z * z * z * z / n;
        }
        assertEquals(0.2, upper, 4 * Math.sqrt(0.2 * 0.8 / n), "weight of the (5, 5) mode");
        assertEquals(-3.0, mean, 4 * Math.sqrt(var / n), "mean");
        assertEquals(17.0, var, 4 * Math.sqrt((m4 - var * var) / n), "variance");
    }

    @Test
    void batchIndependenceAndSeedDeterminism() {
        GaussianMixture gm = GaussianMixture.ncsnToy();
        Sampler[] samplers = {StochasticSampler.edm(8, Churn.of(20)), new DpmSolver2M(Discretization.edm(), 8),
                OdeSampler.edm(8)};
        for (Sampler s : samplers) {
            double[] all = run(s, gm, range(0, 8), new Shape(2), 5);
            double[] first = run(s, gm, range(0, 4), new Shape(2), 5);
            double[] second = run(s, gm, range(4, 8), new Shape(2), 5);
            double[] joined = new double[16];
            System.arraycopy(first, 0, joined, 0, 8);
            System.arraycopy(second, 0, joined, 8, 8);
            assertArrayEquals(all, joined, 0.0, s.name());
            assertArrayEquals(all, run(s, gm, range(0, 8), new Shape(2), 5), 0.0, s.name());
            assertFalse(java.util.Arrays.equals(all, run(s, gm, range(0, 8), new Shape(2), 6)), s.name());
        }
    }

    @Test
    void idealDenoiserSamplesLandOnTrainingPoints() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] points = Toy2d.byName("swissroll").sample(20, 1);
            try (IdealDenoiser ideal = new IdealDenoiser(m.create(points))) {
                for (Sampler s : new Sampler[] {OdeSampler.edm(32), StochasticSampler.edm(32, Churn.of(10)),
                        new DpmSolver2M(Discretization.edm(), 32)}) {
                    double[] x = run(s, ideal, range(0, 16), new Shape(2), 2);
                    for (int i = 0; i < 16; i++) {
                        double best = Double.POSITIVE_INFINITY;
                        for (double[] p : points) {
                            best = Math.min(best, Math.hypot(x[2 * i] - p[0], x[2 * i + 1] - p[1]));
                        }
                        assertTrue(best < 1e-6, s.name() + ": sample " + i + " is " + best + " from the data");
                    }
                }
            }
        }
    }

    /**
     * Algorithm 1 with the VP process (schedule and scaling) integrates the same ODE as with
     * sigma(t) = t, s = 1 in another parameterization: with EDM's steps and Heun (N = 64) both
     * endpoints are within their solver errors of the exact flow and of each other.
     */
    @Test
    void vpParameterizationReachesTheSameEndpoint() {
        try (NDManager m = NDManager.newBaseManager()) {
            long[] ids = range(0, 4);
            NDArray edm = new OdeSampler(NoiseProcess.edm(), Discretization.edm(), 64, OdeMethod.HEUN)
                    .sample(DATA, SampleRun.of(m, ids, new Shape(3)).seed(9).build());
            SampleRun vpRun = SampleRun.of(m, ids, new Shape(3)).seed(9).recordTrajectory().build();
            NDArray vp = new OdeSampler(NoiseProcess.vp(), Discretization.edm(), 64, OdeMethod.HEUN).sample(DATA, vpRun);
            // the VP run starts at s(t_0) sigma_0 eps: divide by s(t_0) to get the EDM start
            double s0 = NoiseProcess.vp().s(NoiseProcess.vp().schedule().sigmaInv(80));
            NDArray exact = DATA.flow(vpRun.trajectory().get(0).div(s0), 80, 0);
            double errEdm = edm.sub(exact).abs().max().getDouble();
            double errVp = vp.sub(exact).abs().max().getDouble();
            double diff = vp.sub(edm).abs().max().getDouble();
            System.out.printf("VP vs EDM endpoint: |edm - exact| %.2e, |vp - exact| %.2e, |vp - edm| %.2e%n",
                    errEdm, errVp, diff);
            assertTrue(errEdm < 0.02 && errVp < 0.02, errEdm + " " + errVp);
            assertTrue(diff <= errEdm + errVp, diff + " > " + (errEdm + errVp));
        }
    }

    /**
     * Dormand-Prince at rtol = atol = 1e-5 ends (at sigma_min = 0.002) within 1e-3 of the exact
     * flow, and reaches an error Heun with fixed EDM steps needs more NFE for.
     */
    @Test
    void doPriMeetsToleranceWithFewerEvaluationsThanHeun() {
        try (NDManager m = NDManager.newBaseManager()) {
            DoPriSampler dopri = DoPriSampler.edm(1e-5);
            CountingDenoiser d = DATA.counted();
            SampleRun runD = SampleRun.of(m, 4, new Shape(3)).seed(7).recordTrajectory().build();
            dopri.sample(d, runD);
            var stats = dopri.lastStats();
            assertEquals(d.nfe(), stats.evaluations());
            assertEquals(1 + 6L * (stats.accepted() + stats.rejected()), stats.evaluations());
            int last = runD.trajectory().size() - 2; // the state at sigma_min, before the final Euler step
            assertEquals(0.002, runD.trajectorySigmas().get(last), 1e-12);
            double errDopri = runD.trajectory().get(last)
                    .sub(DATA.flow(runD.trajectory().get(0), 80, 0.002)).abs().max().getDouble();
            int n = 1;
            double errHeun;
            do {
                n *= 2;
                errHeun = ConvergenceOrderTest.errorAtLastLevel(OdeSampler.edm(n), n);
            } while (errHeun > errDopri && n < 1024);
            System.out.printf("DoPri5 tol 1e-5: error %.2e with %d NFE (%d accepted, %d rejected); "
                    + "Heun needs N = %d (%d NFE) for error %.2e%n", errDopri, stats.evaluations(),
                    stats.accepted(), stats.rejected(), n, 2 * n - 1, errHeun);
            assertTrue(errDopri < 1e-3, "DoPri error " + errDopri);
            assertTrue(2 * n - 1 > stats.evaluations(), "Heun " + (2 * n - 1) + " NFE vs DoPri " + stats.evaluations());
        }
    }
}
