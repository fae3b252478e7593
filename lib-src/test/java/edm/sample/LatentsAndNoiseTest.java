package edm.sample;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.data.DataPaths;
import edm.data.Digits;
import edm.data.Mnist;
import edm.data.Split;
import edm.denoise.Denoiser;
import edm.denoise.IdealDenoiser;
import edm.denoise.Precision;
import edm.rand.NoiseSource;
import edm.rand.NoiseStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Caller-supplied latents and noise sources (SampleRun.Builder#latents, #noise), and the batch
 * contract: sample k's noise, and with an exact float64 denoiser its result, do not depend on the
 * batch.
 */
class LatentsAndNoiseTest {
    static final Shape SHAPE = new Shape(64);
    static NDManager manager;
    static IdealDenoiser digits;

    @BeforeAll
    static void data() {
        manager = NDManager.newBaseManager();
        NDArray images = Digits.load().head(40).flat(manager).toType(DataType.FLOAT64, false);
        digits = new IdealDenoiser(images, Precision.FLOAT64, 64);
    }

    @AfterAll
    static void close() {
        digits.close();
        manager.close();
    }

    /** Every kind of sampler, small; the flag says whether it draws fresh noise after the start. */
    static List<Object[]> samplers() {
        List<Object[]> s = new ArrayList<>();
        s.add(new Object[] {OdeSampler.edm(6), false});
        s.add(new Object[] {OdeSampler.ablation("vp", "vp", "vp", "euler", 6), false});
        s.add(new Object[] {StochasticSampler.edm(6, Churn.of(20)), true});
        s.add(new Object[] {StochasticSampler.ablation("ve", "ve", "none", "heun", 6, Churn.of(20)), true});
        s.add(new Object[] {new DpmSolver2M(Discretization.edm(), 6), false});
        s.add(new Object[] {DoPriSampler.edm(1e-3), false});
        s.add(new Object[] {DdimSampler.ddim(6), false});
        s.add(new Object[] {ReverseSdeSampler.vp(6), true});
        s.add(new Object[] {AnnealedLangevin.geometric(1, 0.05, 3, 4, 1e-3, InitialNoise.normal(1)), true});
        s.add(new Object[] {AnnealedLangevin.geometric(1, 0.05, 3, 4, 1e-3, InitialNoise.uniform(-1, 1)), true});
        return s;
    }

    static NDArray run(Sampler sampler, NDManager m, long[] ids, long seed, NDArray latents, NoiseSource source) {
        SampleRun.Builder b = SampleRun.of(m, ids, SHAPE).seed(seed);
        if (latents != null) b.latents(latents);
        if (source != null) b.noise(source);
        return sampler.sample(digits, b.build());
    }

    /** The latents are exactly the draws of stream step INITIAL: given them, a sampler repeats its seeded run. */
    @Test
    void latentsStandForTheInitialDrawOfEverySampler() {
        long[] ids = {0, 1, 2, 3};
        for (Object[] entry : samplers()) {
            Sampler sampler = (Sampler) entry[0];
            boolean fresh = (Boolean) entry[1];
            try (NDManager m = manager.newSubManager()) {
                boolean uniform = sampler instanceof AnnealedLangevin a && a.initial().name().startsWith("uniform");
                NoiseStream stream = new NoiseStream(5);
                NDArray z = uniform ? stream.uniform(m, ids, SHAPE, SampleRun.INITIAL)
                        : stream.normal(m, ids, SHAPE, SampleRun.INITIAL);
                NDArray seeded = run(sampler, m, ids, 5, null, null);
                NDArray given = run(sampler, m, ids, 5, z, null);
                assertArrayEquals(seeded.toDoubleArray(), given.toDoubleArray(), 0, sampler.name());
                NDArray otherSeed = run(sampler, m, ids, 6, z, null);
                if (fresh) {
                    assertTrue(otherSeed.sub(seeded).abs().max().getDouble() > 0, sampler.name());
                } else {
                    assertArrayEquals(seeded.toDoubleArray(), otherSeed.toDoubleArray(), 0, sampler.name() + ": latents decide");
                }
            }
        }
    }

    @Test
    void latentsOfTheWrongShapeAreRejected() {
        try (NDManager m = manager.newSubManager()) {
            NDArray z = m.zeros(new Shape(3, 64));
            var e = assertThrows(IllegalArgumentException.class, () -> SampleRun.of(m, 4, SHAPE).latents(z).build());
            assertEquals("latents must have shape (B, shape...) = (4, 64) (B = ids.length), got (3, 64)", e.getMessage());
        }
    }

    /** A caller's noise source replaces the stream: the same stream passed in repeats the seeded run. */
    @Test
    void aNoiseSourceReplacesTheSeededStream() {
        long[] ids = {4, 9, 2};
        StochasticSampler sampler = StochasticSampler.edm(8, Churn.of(30));
        try (NDManager m = manager.newSubManager()) {
            NDArray seeded = run(sampler, m, ids, 11, null, null);
            NDArray passed = run(sampler, m, ids, 0, null, new NoiseStream(11));
            assertArrayEquals(seeded.toDoubleArray(), passed.toDoubleArray(), 0);
            List<Long> steps = new ArrayList<>();
            NoiseSource recording = (mm, idx, trailing, step) -> {
                steps.add(step);
                assertArrayEquals(ids, idx);
                return new NoiseStream(11).normal(mm, idx, trailing, step);
            };
            NDArray recorded = run(sampler, m, ids, 0, null, recording);
            assertArrayEquals(seeded.toDoubleArray(), recorded.toDoubleArray(), 0);
            assertEquals(SampleRun.INITIAL, steps.get(0));
            assertEquals(9, steps.size(), "the initial draw and one per step: " + steps);
        }
    }

    /**
     * Per-sample independence: sample k's rows of noise, and its sample from a stochastic sampler on
     * the exact float64 denoiser, are the same alone, in a batch of 8 and in another order.
     */
    @Test
    void sampleKDoesNotDependOnTheBatch() {
        StochasticSampler sampler = StochasticSampler.edm(10, Churn.of(30));
        long[] batch = {0, 1, 2, 3, 4, 5, 6, 7};
        long[] reversed = {7, 6, 5, 4, 3, 2, 1, 0};
        try (NDManager m = manager.newSubManager()) {
            NDArray noise8 = SampleRun.of(m, batch, SHAPE).seed(3).build().normal(4);
            NDArray noise1 = SampleRun.of(m, new long[] {5}, SHAPE).seed(3).build().normal(4);
            assertArrayEquals(noise8.get(5).toDoubleArray(), noise1.get(0).toDoubleArray(), 0);
            NDArray all = run(sampler, m, batch, 3, null, null);
            NDArray back = run(sampler, m, reversed, 3, null, null);
            double worst = 0;
            for (int k = 0; k < 8; k++) {
                NDArray alone = run(sampler, m, new long[] {k}, 3, null, null);
                worst = Math.max(worst, all.get(k).sub(alone.get(0)).abs().max().getDouble());
                worst = Math.max(worst, all.get(k).sub(back.get(7 - k)).abs().max().getDouble());
            }
            System.out.println("max |sample k in batch 8 - alone or reversed| = " + worst);
            assertTrue(worst <= 1e-12, "batch dependence " + worst);
        }
    }

    /**
     * Two samplers from the same latents, end points compared one by one: Heun with 256 EDM steps and
     * adaptive Dormand-Prince at rtol = atol = 1e-8 on MNIST's exact denoiser (500 images; skipped
     * when MNIST is not fetched). Both end with the same Euler step from 0.002 to 0, D(x; 0.002).
     */
    @Test
    void heunAndTheAdaptiveSolverAgreeFromTheSameLatentsOnMnist() {
        assumeTrue(Files.exists(DataPaths.cache().resolve(Mnist.NAME).resolve(Split.TRAIN.imagesFile())),
                "MNIST not fetched; run ./workbench fetch-data mnist");
        try (NDManager m = manager.newSubManager()) {
            NDArray data = Mnist.load(Split.TRAIN).head(500).flat(m).toType(DataType.FLOAT64, false);
            Shape shape = new Shape(784);
            NDArray z = new NoiseStream(21).normal(m, 0, 4, shape, 0);
            try (IdealDenoiser mnist = new IdealDenoiser(data, Precision.FLOAT64, 512)) {
                SampleRun heunRun = SampleRun.of(m, 4, shape).latents(z).recordTrajectory().build();
                SampleRun dopriRun = SampleRun.of(m, 4, shape).latents(z).recordTrajectory().build();
                NDArray heun = OdeSampler.edm(256).sample(mnist, heunRun);
                NDArray dopri = DoPriSampler.edm(1e-8).sample(mnist, dopriRun);
                // the states at sigma = 0.002, before the final step
                NDArray heunLast = heunRun.trajectory().get(255);
                NDArray dopriLast = dopriRun.trajectory().get(dopriRun.trajectory().size() - 2);
                assertEquals(0.002, heunRun.trajectorySigmas().get(255), 1e-15);
                assertEquals(0.002, dopriRun.trajectorySigmas().get(dopriRun.trajectory().size() - 2), 1e-12);
                NDArray again = OdeSampler.edm(256).sample(mnist, SampleRun.of(m, 4, shape).latents(z).seed(99).build());
                assertArrayEquals(heun.toDoubleArray(), again.toDoubleArray(), 0, "same latents, same samples");
                for (int k = 0; k < 4; k++) {
                    double rms = Math.sqrt(heun.get(k).sub(dopri.get(k)).square().mean().getDouble());
                    double rmsState = Math.sqrt(heunLast.get(k).sub(dopriLast.get(k)).square().mean().getDouble());
                    System.out.printf("sample %d: rms |Heun-256 - DoPri(1e-8)| = %.2e at sigma 0, %.2e at sigma 0.002%n",
                            k, rms, rmsState);
                    assertTrue(rms < 1e-5, "sample " + k + ": " + rms);
                    assertTrue(rmsState < 1e-6, "sample " + k + " at sigma 0.002: " + rmsState);
                }
            }
        }
    }
}
