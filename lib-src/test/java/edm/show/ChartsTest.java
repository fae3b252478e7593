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

    @Test
    void logLabelsThinWithTheSpan() {
        // within 1.5 decades every 1-9 tick is labelled
        assertEquals("3", Charts.Xy.logLabel(3, 1.2));
        assertEquals("0.07", Charts.Xy.logLabel(0.07, 1.2));
        // up to 3 decades: 1, 2, 5 only
        assertEquals("20", Charts.Xy.logLabel(20, 2.5));
        assertEquals("", Charts.Xy.logLabel(30, 2.5));
        // beyond: powers of ten, in plain form from 1e-3 to 1e4 and as 10^k outside
        assertEquals("", Charts.Xy.logLabel(5, 4));
        assertEquals("0.001", Charts.Xy.logLabel(1e-3, 4));
        assertEquals("10000", Charts.Xy.logLabel(1e4, 4));
        assertEquals("10\u207b\u2075", Charts.Xy.logLabel(1e-5, 4));
        assertEquals("10\u00b9\u00b2", Charts.Xy.logLabel(1e12, 4));
        // beyond 8 decades, every other power
        assertEquals("", Charts.Xy.logLabel(10, 12));
        assertEquals("100", Charts.Xy.logLabel(100, 12));
        assertEquals("5\u00b710\u207b\u2078", Charts.Xy.logLabel(5e-8, 1));
    }

    @Test
    void spanComesFromTheDataWithErrorBars() {
        var xy = Charts.xy("t", "x", "y").logX().logY().errorBars("a", new double[] {1, 1000}, new double[] {1, 10},
                new double[] {0.5, 0});
        var st = xy.chart().getStyler();
        // y from 0.5 to 10 is 1.3 decades (labels 1-9), x from 1 to 1000 is 3 decades (powers only)
        assertEquals("3", st.getYAxisTickLabelsFormattingFunction().apply(3.0));
        assertEquals("", st.getXAxisTickLabelsFormattingFunction().apply(20.0));
        assertEquals("100", st.getXAxisTickLabelsFormattingFunction().apply(100.0));
    }
}
