package edm.show;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ChartsTest {
    @Test
    void histogramIsADensity() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i + 0.5) / x.length * 2; // uniform on [0, 2]: density 1/2
        }
        double[][] h = Charts.histogram(x, 0, 2, 10);
        double integral = 0;
        for (int k = 0; k < 10; k++) {
            assertEquals(0.5, h[1][k], 1e-12);
            integral += h[1][k] * 0.2;
        }
        assertEquals(1, integral, 1e-12);
        assertEquals(0.1, h[0][0], 1e-12);
    }

    @Test
    void presetBuildsAChart() {
        var c = Charts.xy("t", "x", "y").logX().logY().line("a", new double[] {1, 10}, new double[] {1, 100})
                .scatter("b", new double[] {2}, new double[] {3}).dashed("c", new double[] {1, 2}, new double[] {2, 3})
                .histogram("h", new double[] {1, 2, 3}, 1, 3, 2).chart();
        assertEquals(4, c.getSeriesCollection().size());
        assertTrue(Show.png(c).length > 100);
    }
}
