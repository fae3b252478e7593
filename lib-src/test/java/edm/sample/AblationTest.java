package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.data.Digits;
import edm.denoise.Denoiser;
import edm.denoise.IdealDenoiser;
import edm.denoise.Precision;
import edm.process.IddpmSigmas;
import edm.process.NoiseSchedule;
import edm.process.NoiseProcess;
import edm.process.Scaling;
import edm.rand.NoiseStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EDM's ablation grid by name on the exact denoiser of 48 8x8 digits: every one of the 24
 * combinations (x 2 solvers) runs and converges to the same state at sigma_min, churn runs on all of
 * them, the VP refit and the VP scaling through any schedule, and iDDPM rounding with EDM's steps.
 */
class AblationTest {
    static final IddpmSigmas U = new IddpmSigmas();
    static final int B = 8;
    static NDManager manager;
    static IdealDenoiser digits;

    @BeforeAll
    static void data() {
        manager = NDManager.newBaseManager();
        NDArray images = Digits.load().head(48).flat(manager).toType(DataType.FLOAT64, false);
        digits = new IdealDenoiser(images, Precision.FLOAT64, 64);
    }

    @AfterAll
    static void close() {
        digits.close();
        manager.close();
    }

    /** The normalized state x/s at sigma_{N-1} (before the final step, whose form depends on the schedule). */
    static double[] stateAtSigmaMin(OdeSampler sampler, Denoiser d, NDArray latents) {
        try (NDManager m = manager.newSubManager()) {
            SampleRun run = SampleRun.of(m, B, new Shape(64)).latents(latents).recordTrajectory().build();
            sampler.sample(d, run);
            int n = sampler.steps();
            double t = sampler.times(d)[n - 1];
            return run.trajectory().get(n - 1).div(sampler.process().s(t)).toDoubleArray();
        }
    }

    static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    /** The grid over one common range [u_999, u_8], so every sequence starts and ends at the same levels. */
    static Ablation common(String disc, String sched, String scal, String solver) {
        return new Ablation(disc, sched, scal, solver, U.u(999), U.u(8), Ablation.RHO, Ablation.EPS_S);
    }

    @Test
    void all24CombinationsWithBothSolversConvergeToTheSameStateAtSigmaMin() {
        NDArray z = new NoiseStream(3).normal(manager, 0, B, new Shape(64), SampleRun.INITIAL);
        double[] ref = stateAtSigmaMin(common("edm", "linear", "none", "heun").ode(1024), digits, z);
        int combinations = 0;
        for (String disc : Ablation.DISCRETIZATIONS) {
            for (String sched : Ablation.SCHEDULES) {
                for (String scal : Ablation.SCALINGS) {
                    for (String solver : Ablation.SOLVERS) {
                        Ablation a = common(disc, sched, scal, solver);
                        boolean heun = solver.equals("heun");
                        int coarse = heun ? 32 : 64;
                        double e1 = rms(stateAtSigmaMin(a.ode(coarse), digits, z), ref);
                        double e2 = rms(stateAtSigmaMin(a.ode(8 * coarse), digits, z), ref);
                        String line = String.format("%-26s N=%d: %.2e  N=%d: %.2e", a.label(), coarse, e1, 8 * coarse, e2);
                        System.out.println(line);
                        assertTrue(e2 < (heun ? 0.02 : 0.01), line);
                        assertTrue(e2 < e1 / (heun ? 8 : 3), "no convergence: " + line);
                        combinations++;
                    }
                }
            }
        }
        assertEquals(48, combinations);
    }

    /**
     * Global error orders on image data: EDM's ODE (sigma = t, s = 1) over EDM's steps from u_8 to
     * u_999, the error of the state at sigma_{N-1} against a 1024-step Heun solve from the same
     * latents; least-squares slope over four N within 0.25 (Euler) and 0.3 (Heun) of 1 and 2.
     */
    @Test
    void eulerAndHeunOrdersOnImageData() {
        NDArray z = new NoiseStream(5).normal(manager, 0, B, new Shape(64), SampleRun.INITIAL);
        double[] ref = stateAtSigmaMin(common("edm", "linear", "none", "heun").ode(1024), digits, z);
        for (String solver : Ablation.SOLVERS) {
            double[] ns = solver.equals("euler") ? new double[] {32, 64, 128, 256} : new double[] {16, 32, 64, 128};
            double[] err = new double[ns.length];
            for (int i = 0; i < ns.length; i++) {
                err[i] = rms(stateAtSigmaMin(common("edm", "linear", "none", solver).ode((int) ns[i]), digits, z), ref);
            }
            double order = -edm.metric.LogLog.slope(ns, err);
            System.out.printf("%s order on 8x8 digits: %.3f, errors %s%n", solver, order, java.util.Arrays.toString(err));
            double expected = solver.equals("euler") ? 1 : 2;
            assertEquals(expected, order, solver.equals("euler") ? 0.25 : 0.3, solver + " " + java.util.Arrays.toString(err));
        }
    }

    @Test
    void churnRunsOnEveryCombinationAndIsTheOdeSamplerAtZeroChurn() {
        NDArray z = new NoiseStream(4).normal(manager, 0, B, new Shape(64), SampleRun.INITIAL);
        for (String disc : Ablation.DISCRETIZATIONS) {
            for (String sched : Ablation.SCHEDULES) {
                for (String scal : Ablation.SCALINGS) {
                    Ablation a = Ablation.of(disc, sched, scal, "heun");
                    try (NDManager m = manager.newSubManager()) {
                        NDArray ode = a.ode(64).sample(digits, SampleRun.of(m, B, new Shape(64)).latents(z).build());
                        NDArray none = a.stochastic(64, Churn.NONE).sample(digits,
                                SampleRun.of(m, B, new Shape(64)).latents(z).build());
                        assertArrayEquals(ode.toDoubleArray(), none.toDoubleArray(), 0, a.label());
                        NDArray churned = StochasticSampler.ablation(disc, sched, scal, "heun", 64, Churn.of(10))
                                .sample(digits, SampleRun.of(m, B, new Shape(64)).latents(z).seed(9).build());
                        assertFalse(churned.isNaN().any().getBoolean(), a.label());
                        assertTrue(churned.sub(ode).abs().max().getDouble() > 0, a.label() + ": churn changed nothing");
                        assertTrue(churned.abs().max().getDouble() < 3, a.label() + ": far from the data");
                    }
                }
            }
        }
    }

    @Test
    void byNameFactoriesUseEdmsDefaultRanges() {
        OdeSampler vp = OdeSampler.ablation("vp", "vp", "vp", "euler", 18);
        double[] s = vp.discretization().sigmas(18);
        NoiseSchedule original = NoiseSchedule.vp();
        assertEquals(original.sigma(1), s[0], 1e-9 * s[0]);
        assertEquals(original.sigma(1e-3), s[17], 1e-12);
        double[] betas = NoiseSchedule.vpFitBetas(original.sigma(1e-3), original.sigma(1), 1e-3);
        assertEquals(19.9, betas[0], 1e-9);
        assertEquals(0.1, betas[1], 1e-9);
        assertArrayEquals(Discretization.iddpm().sigmas(18), Ablation.of("iddpm", "linear", "none", "euler").steps().sigmas(18));
        assertArrayEquals(Discretization.edm().sigmas(18), Ablation.of("edm", "vp", "none", "euler").steps().sigmas(18));
        var e = assertThrows(IllegalArgumentException.class, () -> Ablation.of("edm", "cosine", "none", "euler"));
        assertEquals("schedule must be one of [vp, ve, linear], got cosine", e.getMessage());
    }

    @Test
    void vpRefitMapsTheRangeOntoEpsSToOne() {
        NoiseSchedule fit = NoiseSchedule.vpFit(0.002, 80, 1e-3);
        assertEquals(0.002, fit.sigma(1e-3), 1e-15);
        assertEquals(80, fit.sigma(1), 1e-12);
        assertEquals(1, fit.sigmaInv(80), 1e-12);
        assertEquals(1e-3, fit.sigmaInv(0.002), 1e-12);
        double[] betas = NoiseSchedule.vpFitBetas(0.002, 80, 1e-3);
        assertTrue(betas[1] < 0, "beta_min of EDM's range is negative: " + betas[1]);
        for (double t : new double[] {1e-3, 0.01, 0.3, 1}) {
            double h = 1e-6 * t;
            assertEquals((fit.sigma(t + h) - fit.sigma(t - h)) / (2 * h), fit.sigmaDeriv(t), 1e-5 * fit.sigmaDeriv(t));
        }
    }

    @Test
    void vpScalingThroughAnyScheduleIsOneOverSqrtOnePlusSigmaSquared() {
        Scaling viaVp = Scaling.vp(NoiseSchedule.vp());
        Scaling original = NoiseProcess.vp().scaling();
        for (double t : new double[] {1e-3, 0.1, 0.5, 1}) {
            assertEquals(original.s(t), viaVp.s(t), 1e-12);
            assertEquals(original.sDeriv(t), viaVp.sDeriv(t), 1e-9 * Math.abs(original.sDeriv(t)));
        }
        Scaling linear = Scaling.vp(NoiseSchedule.linear());
        assertEquals(1 / Math.sqrt(1 + 80.0 * 80.0), linear.s(80), 1e-15);
        double h = 1e-5;
        assertEquals((linear.s(2 + h) - linear.s(2 - h)) / (2 * h), linear.sDeriv(2), 1e-8);
    }

    @Test
    void edmStepsOnAnIddpmModelClampToItsRangeInsteadOfRoundingToZero() {
        Denoiser iddpm = digits.withRounding(U::round, U.sigmaMin(), U.sigmaMax());
        OdeSampler sampler = new OdeSampler(NoiseProcess.iddpm(), Discretization.edm(), 18, OdeMethod.HEUN);
        double[] t = sampler.times(iddpm);
        assertEquals(U.u(999), t[17], 0, "last nonzero level is u_{M-1}");
        assertEquals(U.round(80), t[0], 0);
        for (int i = 0; i < 17; i++) {
            assertTrue(t[i] >= t[i + 1] && t[i] > 0, "level " + i);
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray x = sampler.sample(iddpm, SampleRun.of(m, B, new Shape(64)).seed(1).build());
            assertFalse(x.isNaN().any().getBoolean());
        }
        // without the range the last level rounds to u_M = 0 and the step divides by it
        Denoiser unranged = digits.withRounding(U::round);
        assertEquals(0, sampler.times(unranged)[17], 0);
        try (NDManager m = manager.newSubManager()) {
            assertThrows(RuntimeException.class,
                    () -> sampler.sample(unranged, SampleRun.of(m, B, new Shape(64)).seed(1).build()));
        }
        // the ablation point, clamped to the model's range before the refit, as EDM does
        Ablation clamped = Ablation.of("edm", "vp", "vp", "heun").clampedTo(U.sigmaMin(), U.sigmaMax());
        assertEquals(U.u(999), clamped.sigmaMin(), 0);
        assertEquals(80, clamped.sigmaMax(), 0);
    }
}
