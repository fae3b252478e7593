package edm.show;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ClaimsTest {
    @Test
    void verdictsFollowTheTwoStandardErrorRule() {
        assertEquals("reproduced (z = 3.0)", Claims.lower(1.0, 4.0, 1.0));
        assertEquals("reversed (z = -3.0)", Claims.lower(4.0, 1.0, 1.0));
        assertEquals("not separated (z = 1.9)", Claims.lower(1.0, 2.9, 1.0));
        assertEquals("reproduced (z = 1.0)", Claims.tied(2.0, 1.0, 1.0));
        assertEquals("not reproduced (z = 2.5)", Claims.tied(3.5, 1.0, 1.0));
        assertTrue(Claims.within(0.81, 0.8, 0.05).startsWith("reproduced"));
        assertTrue(Claims.within(0.9, 0.8, 0.05).startsWith("not reproduced"));
        assertThrows(IllegalArgumentException.class, () -> Claims.lower(1, 2, 0));
    }

    @Test
    void meanAndSpreadRoundToTheSpread() {
        assertEquals("3.92 ± 0.47", Claims.pm(3.9213, 0.4712));
        assertEquals("171.71 ± 0.70", Claims.pm(171.71, 0.7));
        assertEquals("0.0123 ± 0.0021", Claims.pm(0.012345, 0.00214));
        assertEquals("28 ± 12", Claims.pm(28.4, 12.3));
    }

    @Test
    void markdownEscapesPipesAndKeepsOneLinePerRow() {
        String md = new Claims("EDM").row("a | b", "1", "2", "reproduced", null).row("c", "3", "4\nx", "not", "cause").markdown();
        assertEquals(4, md.split("\n").length);
        assertTrue(md.contains("a \\| b"));
        assertTrue(md.startsWith("| claim (EDM) |"));
    }
}
