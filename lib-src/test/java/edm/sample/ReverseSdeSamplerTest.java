package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.Denoiser;
import edm.denoise.GaussianData;
import edm.denoise.GaussianMixture;
import org.junit.jupiter.api.Test;

/** Reverse-SDE Euler-Maruyama and predictor-corrector sampling with exact denoisers. */
class ReverseSdeSamplerTest {
    static final GaussianData DATA = new GaussianData(new double[] {0.5, -1.0}, new double[] {0.3, 2.0});

    /**
     * Tolerance: 4 Monte Carlo standard errors (mean c/sqrt(n), variance c^2 sqrt(2/(n-1))) plus the
     * Euler-Maruyama discretization bias, weak order 1 in 1/N. Measured at N = 100 the variance is off
     * by up to 5% of c^2 (VE), at N = 400 by about 1-2%; we allow 2% of c (mean) and 4% of c^2
     * (variance) at N = 400.
     */
    @Test
    void vpAndVeMatchGaussianMoments() {
        int n = 2000;
        try (NDManager m = NDManager.newBaseManager()) {
            for (ReverseSdeSampler s : new ReverseSdeSampler[] {ReverseSdeSampler.vp(400), ReverseSdeSampler.ve(400)}) {
                Moments mo = Moments.of(s.sample(DATA, SampleRun.of(m, n, new Shape(2)).seed(2).build()));
                double[] mu = DATA.mean();
                double[] c = DATA.std();
                for (int j = 0; j < 2; j++) {
                    double c2 = c[j] * c[j];
                    System.out.printf("%s coord %d: mean %.4f (%.4f) var %.4f (%.4f)%n", s.name(), j, mo.mean[j], mu[j],
                            mo.var[j], c2);
                    assertEquals(mu[j], mo.mean[j], 4 * c[j] / Math.sqrt(n) + 0.02 * c[j], s.name() + " mean " + j);
                    assertEquals(c2, mo.var[j], 4 * c2 * Math.sqrt(2.0 / (n - 1)) + 0.04 * c2, s.name() + " var " + j);
                }
            }
        }
    }

    /**
     * The NCSN toy 0.8 N((-5,-5), I) + 0.2 N((5,5), I): the weight of the lower mode is estimated by the
     * fraction of samples with x_1 + x_2 < 0, standard error sqrt(0.8 * 0.2/n) = 0.0126 at n = 1000;
     * tolerance 4 SE plus 0.03 for discretization bias (at N = 50 EM gives 0.78 (VE) and 0.81 (VP)).
     */
    @Test
    void reverseSdeRecoversMixtureWeights() {
        int n = 1000;
        GaussianMixture toy = GaussianMixture.ncsnToy();
        try (NDManager m = NDManager.newBaseManager()) {
            for (ReverseSdeSampler s : new ReverseSdeSampler[] {ReverseSdeSampler.vp(200), ReverseSdeSampler.ve(200)}) {
                double w = Moments.lowerModeWeight(s.sample(toy, SampleRun.of(m, n, new Shape(2)).seed(4).build()));
                System.out.printf("%s: weight %.3f (0.8)%n", s.name(), w);
                assertEquals(0.8, w, 4 * Math.sqrt(0.16 / n) + 0.03, s.name());
            }
        }
    }

    /**
     * Predictor-corrector vs predictor only, same predictor (reverse diffusion), N = 20, VE, on
     * N(1, 0.25 I) in 16 dimensions. Measured mean absolute variance error over coordinates: 0.143
     * predictor-only, 0.061 with one Langevin step (snr 0.16, the paper's batch-averaged norms; 0.101 with
     * per-sample norms); the mean errors are both at the Monte
     * Carlo level (SE of a coordinate mean 0.5/sqrt(1000) = 0.016). The averaged variance error has SE
     * about 0.25 sqrt(2/999)/sqrt(16) = 0.003, so a 15% margin is many SE.
     *
     * <p>On the 2D NCSN toy see {@link #batchMeanNormsTameTheCorrectorInTwoDimensions}.
     */
    @Test
    void correctorImprovesVarianceOverPredictorOnly() {
        int n = 1000;
        int d = 16;
        GaussianData g = GaussianData.isotropic(d, 1.0, 0.5);
        try (NDManager m = NDManager.newBaseManager()) {
            ReverseSdeSampler pc = ReverseSdeSampler.pcVe(20);
            ReverseSdeSampler p = pc.withCorrector(LangevinCorrector.none());
            double ePc = varianceError(Moments.of(pc.sample(g, SampleRun.of(m, n, new Shape(d)).build())), 0.25);
            double eP = varianceError(Moments.of(p.sample(g, SampleRun.of(m, n, new Shape(d)).build())), 0.25);
            System.out.printf("variance error: predictor-only %.4f, PC %.4f%n", eP, ePc);
            assertTrue(ePc < 0.85 * eP, "PC " + ePc + " vs predictor-only " + eP);
        }
    }

    static double varianceError(Moments mo, double want) {
        double e = 0;
        for (double v : mo.var) e += Math.abs(v - want) / mo.var.length;
        return e;
    }

    /**
     * The paper's batch-averaged norms against per-sample norms on the 2D NCSN toy (variance 17 per
     * coordinate), N = 20, VE, n = 2000: per sample, a sample near a mode centre, where the score vanishes,
     * gets a huge step and is thrown out; the batch mean of ||g|| does not vanish, so the step stays moderate.
     * The variance estimate's SE is about 17 sqrt(2/1999) = 0.54 per coordinate, so the margin below is
     * many SE.
     */
    @Test
    void batchMeanNormsTameTheCorrectorInTwoDimensions() {
        GaussianMixture toy = GaussianMixture.ncsnToy();
        int n = 2000;
        try (NDManager m = NDManager.newBaseManager()) {
            ReverseSdeSampler batch = ReverseSdeSampler.pcVe(20);
            ReverseSdeSampler each = batch.withCorrector(batch.corrector().withNorms(LangevinCorrector.Norms.PER_SAMPLE));
            double eBatch = varianceError(Moments.of(batch.sample(toy, SampleRun.of(m, n, new Shape(2)).seed(4).build())), 17);
            double eEach = varianceError(Moments.of(each.sample(toy, SampleRun.of(m, n, new Shape(2)).seed(4).build())), 17);
            System.out.printf("variance error, 2D toy: batch-mean norms %.3f, per-sample norms %.3f%n", eBatch, eEach);
            assertTrue(eBatch + 3 < eEach, "batch mean " + eBatch + " vs per sample " + eEach);
        }
    }

    @Test
    void batchMeanNormsMakeASampleDependOnItsBatch() {
        GaussianMixture toy = GaussianMixture.ncsnToy();
        ReverseSdeSampler pc = ReverseSdeSampler.pcVe(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray all = pc.sample(toy, SampleRun.of(m, 8, new Shape(2)).seed(9).build());
            NDArray two = pc.sample(toy, SampleRun.of(m, new long[] {5, 2}, new Shape(2)).seed(9).build());
            assertTrue(Moments.maxAbsDiff(all.get(5), two.get(0)) > 1e-9, "documented: the step size is the batch's");
        }
    }

    @Test
    void sampleDoesNotDependOnBatchAndSeedDetermines() {
        GaussianMixture toy = GaussianMixture.ncsnToy();
        ReverseSdeSampler pc = ReverseSdeSampler.pcVe(5).withCorrector(
                new LangevinCorrector(1, LangevinCorrector.SNR_VE, LangevinCorrector.Norms.PER_SAMPLE));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray all = pc.sample(toy, SampleRun.of(m, 8, new Shape(2)).seed(9).build());
            NDArray two = pc.sample(toy, SampleRun.of(m, new long[] {5, 2}, new Shape(2)).seed(9).build());
            assertEquals(0, Moments.maxAbsDiff(all.get(5), two.get(0)), 1e-12);
            assertEquals(0, Moments.maxAbsDiff(all.get(2), two.get(1)), 1e-12);
            NDArray again = pc.sample(toy, SampleRun.of(m, 8, new Shape(2)).seed(9).build());
            assertEquals(0, Moments.maxAbsDiff(all, again));
            NDArray other = pc.sample(toy, SampleRun.of(m, 8, new Shape(2)).seed(10).build());
            assertTrue(Moments.maxAbsDiff(all, other) > 0.1);
        }
    }

    @Test
    void nanFromABrokenDenoiserStopsAtTheStepThatMadeIt() {
        ReverseSdeSampler s = ReverseSdeSampler.vp(10);
        double[] t = s.times();
        int expected = -1;
        for (int i = 0; i < 10 && expected < 0; i++) {
            if (s.process().sigma(t[i]) < 1) expected = i;
        }
        Denoiser broken = (x, sigma) -> sigma < 1 ? x.mul(Double.NaN) : x.mul(0.5);
        try (NDManager m = NDManager.newBaseManager()) {
            var e = assertThrows(SamplingDivergedException.class,
                    () -> s.sample(broken, SampleRun.of(m, 4, new Shape(2)).build()));
            assertEquals(expected, e.step());
            assertTrue(e.getMessage().contains("step " + expected), e.getMessage());
        }
    }

    @Test
    void validation() {
        var e = assertThrows(IllegalArgumentException.class, () -> ReverseSdeSampler.vp(10).withTimes(1, 0));
        assertTrue(e.getMessage().contains("tMin"));
        e = assertThrows(IllegalArgumentException.class, () -> new LangevinCorrector(1, 0));
        assertTrue(e.getMessage().contains("snr"));
        e = assertThrows(IllegalArgumentException.class, () -> ReverseSdeSampler.ve(0));
        assertTrue(e.getMessage().contains("steps"));
    }
}
