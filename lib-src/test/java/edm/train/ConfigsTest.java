package edm.train;

import static org.junit.jupiter.api.Assertions.*;

import edm.precond.Preconditioning;
import edm.sample.OdeMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigsTest {
    static final TrainConfig BASE = TrainConfig.defaults();
    static final TrainConfig ADJ = TrainConfig.defaults().withLr(2e-3, 100);

    @Test
    void rowsChangeOneThingAtATime() {
        List<Configs.Config> rows = Configs.vpColumn(BASE, ADJ, Configs.NFE);
        assertEquals(List.of("A", "B", "C", "D", "E"), rows.stream().map(Configs.Config::id).toList());
        Configs.Config a = rows.get(0), b = rows.get(1), c = rows.get(2), d = rows.get(3), e = rows.get(4);
        // every row spends the same 35 evaluations of D
        for (Configs.Config r : rows) {
            assertEquals(35, r.nfe(), r.id());
        }
        assertEquals(OdeMethod.EULER, a.sampler().method());
        assertEquals(35, a.sampler().steps());
        assertEquals("vp", a.sampler().process().name());
        assertEquals(OdeMethod.HEUN, b.sampler().method());
        assertEquals(18, b.sampler().steps());
        assertEquals("edm", b.sampler().process().name());
        // B reuses A's network; C changes only the hyper-parameters
        assertTrue(b.sameTrainingAs(a));
        assertFalse(c.sameTrainingAs(a));
        assertEquals(BASE, a.train());
        assertEquals(ADJ, c.train());
        assertEquals("vp", c.loss().precond().name());
        // D: EDM preconditioning, VP p_train and lambda; E: EDM p_train and lambda
        assertEquals("edm", d.loss().precond().name());
        assertEquals("vp", d.loss().pTrain().name());
        assertEquals("edm", e.loss().pTrain().name());
        for (double s : new double[] {0.01, 0.5, 7, 80}) {
            assertEquals(1 / (s * s), d.loss().lambda().lambda(s), 1e-12 / (s * s));
            double cOut = Preconditioning.edm().cOut(s);
            assertEquals(1.0, e.loss().effectiveWeight(s), 1e-12);
            assertEquals(1 / (cOut * cOut), e.loss().lambda().lambda(s), 1e-9 / (cOut * cOut));
            // VP's eps parameterization makes the F-space weight 1 as well (A to C)
            assertEquals(1.0, a.loss().effectiveWeight(s), 1e-12);
        }
    }

    @Test
    void edmSamplerNeedsAnOddNfe() {
        assertEquals(18, Configs.edmSampler(35).steps());
        assertThrows(IllegalArgumentException.class, () -> Configs.edmSampler(34));
    }

    @Test
    void veBaselineUsesVeObjects() {
        Configs.Config ve = Configs.veBaseline(BASE, Configs.NFE);
        assertEquals("ve", ve.loss().precond().name());
        assertEquals("ve", ve.loss().pTrain().name());
        assertEquals(OdeMethod.EULER, ve.sampler().method());
        assertEquals(35, ve.nfe());
    }
}
