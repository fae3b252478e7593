package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.Denoiser;
import edm.process.NoiseProcess;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Step sequences under extreme parameters, and samplers facing a denoiser that returns NaN or Inf:
 * the fault is named with the sigma of the D call, not the sigma reached or a step-size underflow.
 */
class BadInputSamplingTest {
    /** D for data N(0, I), except NaN (or Inf) below sigma = 1. */
    static Denoiser failingBelowOne(double bad) {
        return (x, sigma) -> sigma < 1 ? x.mul(bad) : x.mul(1 / (1 + sigma * sigma));
    }

    static SamplingDivergedException diverges(Supplier<Object> run) {
        SamplingDivergedException e = assertThrows(SamplingDivergedException.class, run::get);
        assertTrue(e.inDenoiser(), e.getMessage());
        assertTrue(e.getMessage().contains("the denoiser returned NaN or Inf at sigma = " + e.sigma()), e.getMessage());
        assertTrue(e.sigma() < 1, e.getMessage());
        assertFalse(e.getMessage().contains("underflow"), e.getMessage());
        return e;
    }

    /** The first level below 1 of EDM's 8 steps: where the first failing D call happens. */
    static double firstBelowOne() {
        for (double s : Discretization.edm().sigmas(8)) {
            if (s < 1) return s;
        }
        throw new AssertionError();
    }

    @Test
    void edmRhoExtremesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Discretization.edm(0.002, 80, 1e-300));
        assertTrue(e.getMessage().startsWith("rho = 1.0E-300"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Discretization.edm(0.002, 80, 1e308));
        assertTrue(e.getMessage().startsWith("rho = 1.0E308"), e.getMessage());
        for (double rho : new double[] {0.05, 1, 7, 1e3}) {
            double[] s = Discretization.edm(0.002, 80, rho).sigmas(18);
            for (int i = 0; i + 1 < s.length; i++) {
                assertTrue(s[i] > s[i + 1] && Double.isFinite(s[i]), "rho " + rho + " step " + i);
            }
        }
    }

    @Test
    void stepsThatCollapseInDoublePrecisionAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Discretization.uniform(1, 1 + 1e-15).sigmas(20));
        assertTrue(e.getMessage().contains("uniform with N = 20 steps"), e.getMessage());
        assertTrue(e.getMessage().contains("strictly"), e.getMessage());
    }

    @Test
    void vpOverflowIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Discretization.vp(1e308, 0.1, 1e-3));
        assertTrue(e.getMessage().contains("betaD = 1.0E308"), e.getMessage());
        assertTrue(e.getMessage().contains("<= 709"), e.getMessage());
    }

    @Test
    void samplersNameTheSigmaWhereDReturnedNaN() {
        double expected = firstBelowOne();
        try (NDManager m = NDManager.newBaseManager()) {
            for (OdeMethod method : new OdeMethod[] {OdeMethod.EULER, OdeMethod.HEUN}) {
                SampleRun run = SampleRun.of(m, 4, new Shape(2)).build();
                var e = diverges(() -> new OdeSampler(NoiseProcess.edm(), Discretization.edm(), 8, method)
                        .sample(failingBelowOne(Double.NaN), run));
                assertEquals(expected, e.sigma(), 1e-12, method.toString());
            }
            SampleRun dpmRun = SampleRun.of(m, 4, new Shape(2)).build();
            var e = diverges(() -> new DpmSolver2M(Discretization.edm(), 8).sample(failingBelowOne(Double.POSITIVE_INFINITY), dpmRun));
            assertEquals(expected, e.sigma(), 1e-12);
            SampleRun churnRun = SampleRun.of(m, 4, new Shape(2)).build();
            e = diverges(() -> new StochasticSampler(Discretization.edm(), 8, OdeMethod.HEUN, Churn.of(0))
                    .sample(failingBelowOne(Double.NaN), churnRun));
            assertEquals(expected, e.sigma(), 1e-12);
            SampleRun ddimRun = SampleRun.of(m, 4, new Shape(2)).build();
            diverges(() -> DdimSampler.ddim(10).sample(failingBelowOne(Double.NaN), ddimRun));
            SampleRun dopriRun = SampleRun.of(m, 4, new Shape(2)).build();
            diverges(() -> DoPriSampler.edm(1e-4).sample(failingBelowOne(Double.NaN), dopriRun));
        }
    }

    @Test
    void likelihoodNamesTheSigmaRatherThanAStepSizeUnderflow() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(3, 2)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
            diverges(() -> Likelihood.exact().evaluate(failingBelowOne(Double.NaN), x));
        }
    }

    @Test
    void aFiniteDenoiserIsNotFlagged() {
        try (NDManager m = NDManager.newBaseManager()) {
            SampleRun run = SampleRun.of(m, 4, new Shape(2)).build();
            NDArray x = OdeSampler.edm(8).sample((xs, sigma) -> xs.mul(1 / (1 + sigma * sigma)), run);
            assertEquals(8, x.size());
        }
    }
}
