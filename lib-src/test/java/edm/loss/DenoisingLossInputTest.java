package edm.loss;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loss rejects an empty sample rather than returning NaN. */
class DenoisingLossInputTest {
    @Test
    void emptyInputIsRejected() {
        DenoisingLoss loss = Formulation.edm().loss();
        var e = assertThrows(IllegalArgumentException.class,
                () -> loss.sample(new double[0], new SplittableRandom(1), (in, c) -> in));
        assertTrue(e.getMessage().startsWith("y.length must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> loss.loss(new double[0], new double[0], 1, (in, c) -> in));
        assertTrue(e.getMessage().startsWith("y.length"), e.getMessage());
        assertTrue(Double.isFinite(loss.sample(new double[] {0.5}, new SplittableRandom(1), (in, c) -> in).loss()));
    }

    @Test
    void sigmaOutsideTheDomainIsRejected() {
        DenoisingLoss loss = Formulation.edm().loss();
        assertThrows(IllegalArgumentException.class, () -> loss.loss(new double[] {1}, new double[] {0}, 0, (in, c) -> in));
        assertThrows(IllegalArgumentException.class, () -> loss.effectiveWeight(-1));
    }
}
