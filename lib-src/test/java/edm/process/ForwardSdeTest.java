package edm.process;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForwardSdeTest {
    @Test
    void integrationRecoversScalingAndSigma() {
        // s(t) = exp(int f), sigma(t)^2 = int g^2/s^2 must give back the closed forms of the process.
        for (NoiseProcess p : new NoiseProcess[] {NoiseProcess.vp(), NoiseProcess.subVp(), NoiseProcess.ve(), NoiseProcess.edm(), NoiseProcess.flow()}) {
            ForwardSde sde = ForwardSde.of(p);
            for (double t : new double[] {0.05, 0.3, 0.7}) {
                assertEquals(p.s(t), sde.scaling(t, 50), 1e-10 * Math.max(1, p.s(t)), p.name() + " s at " + t);
                assertEquals(p.sigma(t), sde.sigma(t, 200), 1e-6 * Math.max(1, p.sigma(t)),
                        p.name() + " sigma at " + t);
            }
        }
    }

    @Test
    void edmClosedForm() {
        // sigma = t, s = 1: f = 0, g = sqrt(2t), so int_0^t g^2 = t^2 exactly.
        ForwardSde sde = ForwardSde.of(NoiseProcess.edm());
        assertEquals(0, sde.drift(0.4), 0);
        assertEquals(Math.sqrt(0.8), sde.diffusion(0.4), 1e-15);
        assertEquals(3.0, sde.sigma(3.0, 4), 1e-12);
    }

    @Test
    void eulerMaruyamaMatchesKernelMoments() {
        // Start N(m, v); the marginal at t is N(s m, s^2 (v + sigma^2)). Monte Carlo with n particles:
        // the sample mean has standard error sd/sqrt(n), the sample variance ~ var sqrt(2/n).
        int n = 200_000;
        double m = 1.5;
        double v = 0.25;
        for (NoiseProcess p : new NoiseProcess[] {NoiseProcess.vp(), NoiseProcess.ve()}) {
            SplittableRandom rng = new SplittableRandom(7);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = m + Math.sqrt(v) * rng.nextGaussian();
            }
            double t = p.name().equals("vp") ? 0.5 : 2.0;
            ForwardSde.of(p).simulate(x, 0, t, 1000, rng);
            double mean = 0;
            for (double xi : x) {
                mean += xi / n;
            }
            double var = 0;
            for (double xi : x) {
                var += (xi - mean) * (xi - mean) / (n - 1);
            }
            double s = p.s(t);
            double sig = p.sigma(t);
            double wantVar = s * s * (v + sig * sig);
            assertEquals(s * m, mean, 5 * Math.sqrt(wantVar / n) + 1e-3, p.name() + " mean");
            assertEquals(wantVar, var, 5 * wantVar * Math.sqrt(2.0 / n) + 1e-3 * wantVar, p.name() + " variance");
        }
    }

    @Test
    void snapshotsFollowTimes() {
        var sde = ForwardSde.of(NoiseProcess.edm());
        double[][] snaps = sde.simulate(new double[] {0, 0}, new double[] {0, 0.5, 1}, 100, new SplittableRandom(1));
        assertEquals(3, snaps.length);
        assertArrayEquals(new double[] {0, 0}, snaps[0]);
        assertThrows(IllegalArgumentException.class,
                () -> sde.simulate(new double[] {0}, new double[] {1, 0.5}, 10, new SplittableRandom(1)));
    }
}
