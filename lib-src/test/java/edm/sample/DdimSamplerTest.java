package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.GaussianData;
import edm.process.DiscreteDdpm;
import edm.process.NoiseProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DDIM: eta = 1 is DDPM, eta = 0 is Euler on the PF-ODE, encoding inverts decoding as S grows. */
class DdimSamplerTest {
    static final GaussianData DATA = new GaussianData(new double[] {0.5, -1.0}, new double[] {0.3, 2.0});
    static final DiscreteDdpm CHAIN = new DiscreteDdpm();

    @Test
    void etaOneOnTheFullChainIsDdpmWithBetaTilde() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ddpm = new DdpmSampler(CHAIN, DdpmVariance.BETA_TILDE, DdpmSampler.Form.EPS)
                    .sample(DATA, SampleRun.of(m, 8, new Shape(2)).seed(3).build());
            NDArray ddim = DdimSampler.of(CHAIN, DdimSteps.LINEAR, CHAIN.T(), 1)
                    .sample(DATA, SampleRun.of(m, 8, new Shape(2)).seed(3).build());
            assertEquals(0, Moments.maxAbsDiff(ddpm, ddim), 1e-12); // measured 3e-14 (2e-12 against the posterior-mean form)
        }
    }

    /**
     * DDIM eta = 0 from x_T = s_T sigma_T z, divided by s = sqrt(alpha_bar), retraces Euler's method on
     * dx/dsigma = (x - D)/sigma started at sigma_T z over the same levels sigma(tau_i).
     */
    @Test
    void etaZeroIsEulerOnTheProbabilityFlowOde() {
        try (NDManager m = NDManager.newBaseManager()) {
            DdimSampler ddim = DdimSampler.of(CHAIN, DdimSteps.QUADRATIC, 20, 0);
            int[] tau = ddim.tau();
            double sT = CHAIN.s(tau[19]);
            double sigmaT = CHAIN.sigma(tau[19]);
            SampleRun ddimRun = SampleRun.of(m, 16, new Shape(2)).seed(5).recordTrajectory().build();
            NDArray xT = ddimRun.initial(sT * sigmaT);
            NDArray a = ddim.decode(DATA, xT, ddimRun);

            OdeSampler euler = new OdeSampler(NoiseProcess.edm(), FixedSteps.of(ddim.sigmas()), 20, OdeMethod.EULER);
            SampleRun odeRun = SampleRun.of(m, 16, new Shape(2)).seed(5).recordTrajectory().build();
            NDArray b = euler.sample(DATA, odeRun);
            assertEquals(0, Moments.maxAbsDiff(a, b), 1e-10);

            List<NDArray> ta = ddimRun.trajectory();
            List<NDArray> tb = odeRun.trajectory();
            assertEquals(ta.size(), tb.size());
            for (int i = 0; i < ta.size(); i++) {
                int t = i < 20 ? tau[19 - i] : 0;
                NDArray xHat = ta.get(i).div(CHAIN.s(t));
                assertEquals(0, Moments.maxAbsDiff(xHat, tb.get(i)), 1e-9 * (1 + sigmaT), "state " + i);
            }
        }
    }

    /**
     * Encoding x_0 -> x_T and decoding back are both Euler discretizations of the same ODE, in opposite
     * directions, so the reconstruction error is the Euler global error, O(1/S). Measured (max abs
     * error over 64 samples, coordinate std up to 2): S = 10: 1.69, 20: 0.87, 50: 0.35, 100: 0.18.
     */
    @Test
    void encodeThenDecodeReconstructsWithErrorShrinkingInS() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = DATA.sample(m, 64, 11);
            int[] ss = {10, 20, 50, 100};
            double[] err = new double[ss.length];
            for (int k = 0; k < ss.length; k++) {
                DdimSampler ddim = DdimSampler.of(CHAIN, DdimSteps.LINEAR, ss[k], 0);
                SampleRun run = SampleRun.of(m, 64, new Shape(2)).build();
                NDArray rec = ddim.decode(DATA, ddim.encode(DATA, x0, run), run);
                err[k] = Moments.maxAbsDiff(x0, rec);
                System.out.printf("DDIM round trip S=%d: max abs error %.4f%n", ss[k], err[k]);
            }
            for (int k = 1; k < ss.length; k++) {
                // first order: the error should fall at least in proportion to 1/S, with 25% slack
                assertTrue(err[k] < 1.25 * err[k - 1] * ss[k - 1] / ss[k], "S=" + ss[k] + ": " + err[k]);
            }
            assertTrue(err[ss.length - 1] < 0.25, "S=100: " + err[ss.length - 1]);
        }
    }

    @Test
    void subSequences() {
        int[] full = DdimSteps.LINEAR.tau(1000, 1000);
        for (int i = 0; i < 1000; i++) assertEquals(i + 1, full[i]);
        int[] lin = DdimSteps.LINEAR.tau(1000, 10);
        assertArrayEquals(new int[] {1, 112, 223, 334, 445, 556, 667, 778, 889, 1000}, lin);
        for (int s : new int[] {1, 10, 50, 100, 500}) {
            int[] q = DdimSteps.QUADRATIC.tau(1000, s);
            assertEquals(s, q.length);
            assertEquals(1000, q[s - 1]);
            for (int i = 1; i < s; i++) assertTrue(q[i] > q[i - 1], "S=" + s + " at " + i);
        }
        // quadratic: 1 + floor(999/81 i^2) for S = 10
        assertEquals(1 + (int) Math.floor(999.0 / 81 * 4), DdimSteps.QUADRATIC.tau(1000, 10)[2]);
    }

    @Test
    void validation() {
        var e = assertThrows(IllegalArgumentException.class, () -> DdimSteps.LINEAR.tau(100, 101));
        assertTrue(e.getMessage().contains("steps"));
        e = assertThrows(IllegalArgumentException.class, () -> DdimSampler.of(CHAIN, DdimSteps.LINEAR, 10, 1.5));
        assertTrue(e.getMessage().contains("eta"));
        e = assertThrows(IllegalArgumentException.class, () -> new DdimSampler(CHAIN, new int[] {5, 5}, 0));
        assertTrue(e.getMessage().contains("tau[1]"));
        e = assertThrows(IllegalArgumentException.class, () -> FixedSteps.of(2, 1));
        assertTrue(e.getMessage().contains("levels"));
    }
}
