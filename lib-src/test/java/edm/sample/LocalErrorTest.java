package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.GaussianData;
import edm.process.NoiseProcess;
import org.junit.jupiter.api.Test;

class LocalErrorTest {
    static final GaussianData DATA = new GaussianData(new double[] {0.5, -1.0}, new double[] {0.3, 1.0});

    /**
     * On Gaussian data the exact one-step error is known: RMS(step(x_i) - flow(x_i, sigma_i, sigma_{i+1}))
     * with x_i on the exact trajectory. The fine reference (64 Heun substeps) must reproduce it to 1%
     * at every step but the last (which ends at sigma = 0 and is an Euler step for both).
     */
    @Test
    void matchesClosedFormOnGaussianData() {
        OdeSampler heun = new OdeSampler(NoiseProcess.edm(), Discretization.edm(0.002, 80, 3), 12, OdeMethod.HEUN);
        try (NDManager m = NDManager.newBaseManager()) {
            SampleRun run = SampleRun.of(m, 64, new Shape(2)).seed(5).build();
            double[] t = heun.times(DATA);
            NDArray x0 = run.initial(t[0]);
            double[][] tau = LocalError.perStep(heun, DATA, x0, 64);
            NDArray x = x0;
            for (int i = 0; i < 11; i++) {
                NDArray exact = DATA.flow(x, t[i], t[i + 1]);
                double want = Math.sqrt(heun.step(DATA, x, t[i], t[i + 1]).sub(exact).square().mean().getDouble());
                assertEquals(t[i], tau[0][i], 1e-12);
                assertEquals(want, tau[1][i], 0.01 * want, "step " + i);
                x = exact;
            }
        }
    }

    /** Halving a Heun step (h = 0.1 -> 0.05 at sigma = 1) divides its local error by about 2^3 = 8. */
    @Test
    void heunLocalErrorIsThirdOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] tau = new double[2];
            for (int k = 0; k < 2; k++) {
                double h = 0.1 / (1 << k);
                var one = new OdeSampler(NoiseProcess.edm(), new FixedSteps("h", new double[] {1, 1 - h, 0}), 2, OdeMethod.HEUN);
                NDArray x0 = SampleRun.of(m, 256, new Shape(2)).seed(1).build().initial(1);
                tau[k] = LocalError.perStep(one, DATA, x0, 64)[1][0];
            }
            double ratio = tau[0] / tau[1];
            assertEquals(8, ratio, 1.5, "ratio " + ratio);
        }
    }
}
