package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.GaussianMixture;
import org.junit.jupiter.api.Test;

/** NCSN's toy: annealed Langevin recovers the 0.8/0.2 weights, plain Langevin does not. */
class AnnealedLangevinTest {

    /**
     * 0.8 N((-5,-5), I) + 0.2 N((5,5), I), started uniformly on [-8, 8]^2. Toy settings (the image
     * defaults 1..0.01, eps = 2e-5 move a sample too little here): 10 geometric levels from 20 to 1,
     * T = 50 (the authors' toy used 100; halved to keep the test fast), eps = 0.1, so alpha = 40 at
     * sigma = 20 and 0.1 at sigma = 1. Plain Langevin: sigma = 1, step 0.1, the same 500 steps. The
     * lower-mode weight is the fraction with x_1 + x_2 < 0; at n = 500 its SE is sqrt(0.16/500) = 0.018,
     * tolerance 4 SE + 0.03 bias. Measured: n = 500, T = 50: annealed 0.766, plain 0.518; n = 1000, T = 100:
     * annealed 0.786, plain 0.491 (each sample
     * falls into the mode nearest its start, so the weights follow the start's 50/50 split).
     */
    @Test
    void annealedRecoversWeightsPlainDoesNot() {
        int n = 500;
        GaussianMixture toy = GaussianMixture.ncsnToy();
        InitialNoise box = InitialNoise.uniform(-8, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            AnnealedLangevin annealed = AnnealedLangevin.geometric(20, 1, 10, 50, 0.1, box);
            AnnealedLangevin plain = AnnealedLangevin.plain(1, 500, 0.1, box);
            double wa = Moments.lowerModeWeight(annealed.sample(toy, SampleRun.of(m, n, new Shape(2)).build()));
            double wp = Moments.lowerModeWeight(plain.sample(toy, SampleRun.of(m, n, new Shape(2)).build()));
            System.out.printf("NCSN toy: annealed weight %.3f, plain %.3f (true 0.8)%n", wa, wp);
            assertEquals(0.8, wa, 4 * Math.sqrt(0.16 / n) + 0.03);
            assertTrue(Math.abs(wp - 0.8) > 0.2, "plain " + wp);
            assertTrue(wa - wp > 0.2, "gap " + (wa - wp));
        }
    }

    @Test
    void publishedDefaults() {
        AnnealedLangevin a = AnnealedLangevin.ncsn();
        double[] s = a.sigmas();
        assertEquals(10, s.length);
        assertEquals(1, s[0], 1e-15);
        assertEquals(0.01, s[9], 1e-15);
        assertEquals(Math.pow(0.01, 1 / 9.0), s[1], 1e-15);
        assertEquals(100, a.stepsPerLevel());
        assertEquals(2e-5 * 1e4, a.stepSize(0), 1e-15);
        assertEquals(2e-5, a.stepSize(9), 1e-20);
    }

    @Test
    void validation() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new AnnealedLangevin(new double[] {1, 2}, 10, 0.1, InitialNoise.normal(1), false));
        assertTrue(e.getMessage().contains("sigmas"));
        e = assertThrows(IllegalArgumentException.class, () -> AnnealedLangevin.plain(1, 10, 0, InitialNoise.normal(1)));
        assertTrue(e.getMessage().contains("eps"));
        e = assertThrows(IllegalArgumentException.class, () -> InitialNoise.uniform(1, -1));
        assertTrue(e.getMessage().contains("lo"));
    }
}
