package edm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CheckTest {
    @Test
    void thatThrowsOnlyOnFalse() {
        Check.that(true, "fine");
        var e = assertThrows(IllegalStateException.class, () -> Check.that(false, "moments within 4 se"));
        assertEquals("check failed: moments within 4 se", e.getMessage());
    }

    @Test
    void messagesNameParameterValueAndRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> Check.positive("rho", -1.0));
        assertEquals("rho must be > 0 and finite, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Check.open("beta", 1.5, 0, 1));
        assertEquals("beta must be in (0.0, 1.0), got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Check.finite("sigma", Double.NaN));
        assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("NaN"));
        e = assertThrows(IllegalArgumentException.class,
                () -> Check.ordered("sigmaMin", 5, "sigmaMax", 1));
        assertEquals("sigmaMin must be < sigmaMax, got sigmaMin = 5.0, sigmaMax = 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.atLeast("N", 0, 1));
    }

    @Test
    void validValuesPassThrough() {
        assertEquals(7.0, Check.positive("rho", 7.0));
        assertEquals(0.5, Check.closed("p", 0.5, 0, 1));
        assertEquals(3, Check.atLeast("N", 3, 1));
    }
}
