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
    void rowsChangeOneThingAtATimeAndAllUseEdmsSampler() {
        List<Configs.Config> rows = Configs.vpColumn(BASE, ADJ, Configs.NFE);
        assertEquals(List.of("A", "B", "D", "E"), rows.stream().map(Configs.Config::id).toList());
        Configs.Config a = rows.get(0), b = rows.get(1), d = rows.get(2), e = rows.get(3);
        // every row is sampled alike: Heun, 18 EDM steps, 35 evaluations of D (the paper's protocol)
        for (Configs.Config r : rows) {
            assertEquals(35, r.nfe(), r.id());
            assertEquals(OdeMethod.HEUN, r.sampler().method(), r.id());
            assertEquals(18, r.sampler().steps(), r.id());
            assertEquals("edm", r.sampler().process().name(), r.id());
        }
        // B changes only the hyper-parameters
        assertFalse(b.sameTrainingAs(a));
        assertEquals(BASE, a.train());
        assertEquals(ADJ, b.train());
        assertEquals(a.loss(), b.loss());
        // D: EDM preconditioning, VP p_train and lambda; E: EDM p_train and lambda
        assertEquals("edm", d.loss().precond().name());
        assertEquals("vp", d.loss().pTrain().name());
        assertEquals(ADJ, d.train());
        assertEquals("edm", e.loss().pTrain().name());
        for (double s : new double[] {0.01, 0.5, 7, 80}) {
            assertEquals(1 / (s * s), d.loss().lambda().lambda(s), 1e-12 / (s * s));
            double cOut = Preconditioning.edm().cOut(s);
            assertEquals(1.0, e.loss().effectiveWeight(s), 1e-12);
            assertEquals(1 / (cOut * cOut), e.loss().lambda().lambda(s), 1e-9 / (cOut * cOut));
            // VP's eps parameterization makes the F-space weight 1 as well (A, B)
            assertEquals(1.0, a.loss().effectiveWeight(s), 1e-12);
        }
    }

    @Test
    void theOriginalSamplerIsAControlOnTheSameNetwork() {
        Configs.Config a = Configs.a(BASE, Configs.NFE);
        Configs.Config control = a.withSampler("A/VP sampler", "Euler, VP steps", Configs.vpSampler(Configs.NFE));
        assertTrue(control.sameTrainingAs(a));
        assertEquals(OdeMethod.EULER, control.sampler().method());
        assertEquals(35, control.nfe());
        assertEquals("vp", control.sampler().process().name());
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
        assertEquals(OdeMethod.HEUN, ve.sampler().method());
        assertEquals(35, ve.nfe());
    }
}
