package edm.loss;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormulationTableTest {
    static final List<Formulation> ALL = List.of(Formulation.vp(), Formulation.ve(), Formulation.iddpm(),
            Formulation.edm());

    @Test
    void valuesComeFromTheObjects() {
        var t = FormulationTable.at(0.5, ALL);
        assertEquals(FormulationTable.QUANTITIES.size(), t.rowCount());
        assertEquals(1 + ALL.size(), t.columnCount());
        // EDM at sigma = sigma_data: c_skip = 1/2, c_out = c_in^-1 / 2 ... = 0.5/sqrt(2), c_in = 1/sqrt(0.5).
        double[] edm = FormulationTable.values(Formulation.edm(), 0.5);
        assertEquals(0.5, edm[0], 0);
        assertEquals(0.5, edm[1], 0);
        assertEquals(1, edm[2], 0);
        assertEquals(0.5, edm[3], 1e-15);
        assertEquals(0.25 / Math.sqrt(0.5), edm[4], 1e-15);
        assertEquals(1 / Math.sqrt(0.5), edm[5], 1e-15);
        assertEquals(0.25 * Math.log(0.5), edm[6], 1e-15);
        // VE: t = sigma^2; VP: s = 1/sqrt(sigma^2 + 1).
        assertEquals(0.25, FormulationTable.values(Formulation.ve(), 0.5)[0], 1e-15);
        assertEquals(1 / Math.sqrt(1.25), FormulationTable.values(Formulation.vp(), 0.5)[2], 1e-12);
    }

    @Test
    void effectiveWeightIsOneForAllColumns() {
        for (Formulation f : ALL) {
            for (double s : new double[] {0.01, 0.5, 20}) {
                assertEquals(1, FormulationTable.values(f, s)[8], 1e-12, f.name());
                assertEquals(s, FormulationTable.values(f, s)[1], 1e-9 * s, f.name() + " round trip");
            }
        }
    }

    @Test
    void stepsAndComponents() {
        var steps = FormulationTable.steps(18, ALL);
        assertEquals(19, steps.rowCount());
        assertEquals(80, steps.doubleColumn("EDM sigma_i").get(0), 1e-12);
        assertEquals(0, steps.doubleColumn("VE sigma_i").get(18), 0);
        var comp = FormulationTable.components(ALL);
        assertEquals("edm", comp.stringColumn("EDM").get(0));
    }
}
