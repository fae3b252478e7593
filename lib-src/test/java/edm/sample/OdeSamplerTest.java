package edm.sample;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.denoise.GaussianData;
import org.junit.jupiter.api.Test;

/** Algorithm 1: NFE accounting (convergence orders are measured in OdeSamplerOrderTest). */
class OdeSamplerTest {
    static final GaussianData DATA = new GaussianData(new double[] {0.5, -1.0, 0.0}, new double[] {0.3, 1.0, 2.0});

    @Test
    void heunCountsTwoNMinusOneEvaluations() {
        try (NDManager m = NDManager.newBaseManager()) {
            var d = DATA.counted();
            OdeSampler.edm(18).sample(d, SampleRun.of(m, 4, new Shape(3)).build());
            assertEquals(35, d.nfe());
        }
    }
}
