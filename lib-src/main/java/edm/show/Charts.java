package edm.show;

import java.awt.BasicStroke;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * House-style presets for XChart line and scatter charts, so that a notebook cell reads as
 * {@code Charts.xy(title, xTitle, yTitle).logX().line("a", x, y).show()}.
 */
public final class Charts {
    private Charts() {}

    /** A 640 x 400 XY chart with a legend inside the top right corner. */
    public static Xy xy(String title, String xTitle, String yTitle) {
        return new Xy(title, xTitle, yTitle, 640, 400);
    }

    /** An XY chart of the given size in pixels. */
    public static Xy xy(String title, String xTitle, String yTitle, int width, int height) {
        return new Xy(title, xTitle, yTitle, width, height);
    }

    /**
     * A histogram normalized as a density: counts / (n * width) on {@code bins} equal bins of [lo, hi]
     * (samples outside are counted in n but fall in no bin).
     *
     * @return {centers, density}
     */
    public static double[][] histogram(double[] samples, double lo, double hi, int bins) {
        if (!(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("need hi > lo and bins >= 1, got [" + lo + ", " + hi + "], " + bins);
        }
        double w = (hi - lo) / bins;
        double[] c = new double[bins];
        double[] d = new double[bins];
        for (double v : samples) {
            int k = (int) Math.floor((v - lo) / w);
            if (k >= 0 && k < bins) {
                d[k]++;
            }
        }
        for (int k = 0; k < bins; k++) {
            c[k] = lo + (k + 0.5) * w;
            d[k] /= samples.length * w;
        }
        return new double[][] {c, d};
    }

    /** A fluent XY chart. */
    public static final class Xy {
        private final XYChart chart;

        private Xy(String title, String xTitle, String yTitle, int width, int height) {
            chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                    .build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(4)
                    .setChartBackgroundColor(java.awt.Color.WHITE);
        }

        /** Logarithmic x axis; tick labels thinned to the data's span (see {@link #logLabel}). */
        public Xy logX() {
            chart.getStyler().setXAxisLogarithmic(true).setXAxisLogarithmicDecadeOnly(false)
                    .setXAxisTickLabelsFormattingFunction(v -> logLabel(v, span(true)));
            return this;
        }

        /** Logarithmic y axis; tick labels thinned to the data's span (see {@link #logLabel}). */
        public Xy logY() {
            chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false)
                    .setYAxisTickLabelsFormattingFunction(v -> logLabel(v, span(false)));
            return this;
        }

        /** The number of decades log10(max / min) covered by the positive data (with error bars) on one axis. */
        private double span(boolean xAxis) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (XYSeries s : chart.getSeriesCollection()) {
                double[] v = xAxis ? s.getXData() : s.getYData();
                double[] err = xAxis ? null : s.getExtraValues();
                for (int i = 0; i < v.length; i++) {
                    double e = err == null ? 0 : err[i];
                    for (double w : new double[] {v[i] - e, v[i], v[i] + e}) {
                        if (w > 0 && Double.isFinite(w)) {
                            lo = Math.min(lo, w);
                            hi = Math.max(hi, w);
                        }
                    }
                }
            }
            return hi > lo ? Math.log10(hi / lo) : 0;
        }

        /**
         * The label of a tick m x 10^k on a log axis whose data cover {@code decades} decades: every m
         * below 1.5 decades, m in {1, 2, 5} below 3, powers of ten only from there (every other one
         * beyond 8), so labels never collide while a short axis still shows several.
         */
        static String logLabel(double v, double decades) {
            int k = (int) Math.floor(Math.log10(v) + 1e-9);
            long m = Math.round(v / Math.pow(10, k));
            boolean shown = decades < 1.5 || (decades < 3 ? m == 1 || m == 2 || m == 5
                    : m == 1 && (decades < 8 || k % 2 == 0));
            if (!shown) {
                return "";
            }
            if (k >= -3 && k <= 4) {
                return java.math.BigDecimal.valueOf(m).scaleByPowerOfTen(k).stripTrailingZeros().toPlainString();
            }
            return (m == 1 ? "" : m + "\u00b7") + "10" + superscript(k);
        }

        private static String superscript(int k) {
            StringBuilder b = new StringBuilder();
            for (char c : Integer.toString(k).toCharArray()) {
                b.append(c == '-' ? '\u207b' : "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079".charAt(c - '0'));
            }
            return b.toString();
        }

        /** Legend position (e.g. {@code Styler.LegendPosition.InsideSW}); {@code null} hides the legend. */
        public Xy legend(Styler.LegendPosition position) {
            if (position == null) {
                chart.getStyler().setLegendVisible(false);
            } else {
                chart.getStyler().setLegendPosition(position);
            }
            return this;
        }

        /** A line without markers (alias of {@link #line}). */
        public Xy series(String name, double[] x, double[] y) {
            return line(name, x, y);
        }

        /** A line without markers. */
        public Xy line(String name, double[] x, double[] y) {
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.NONE);
            return this;
        }

        /** A dashed line without markers. */
        public Xy dashed(String name, double[] x, double[] y) {
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {6f, 4f}, 0f));
            return this;
        }

        /** Markers joined by a line, with error bars y +- err (e.g. one standard deviation over seeds). */
        public Xy errorBars(String name, double[] x, double[] y, double[] err) {
            chart.getStyler().setErrorBarsColorSeriesColor(true);
            chart.addSeries(name, x, y, err);
            return this;
        }

        /** Markers without a line. */
        public Xy scatter(String name, double[] x, double[] y) {
            XYSeries s = chart.addSeries(name, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            return this;
        }

        /** Markers joined by a line. */
        public Xy points(String name, double[] x, double[] y) {
            chart.addSeries(name, x, y);
            return this;
        }

        /** A density histogram of samples drawn as a step outline (see {@link Charts#histogram}). */
        public Xy histogram(String name, double[] samples, double lo, double hi, int bins) {
            double[][] h = Charts.histogram(samples, lo, hi, bins);
            double w = (hi - lo) / bins;
            double[] x = new double[2 * bins];
            double[] y = new double[2 * bins];
            for (int k = 0; k < bins; k++) {
                x[2 * k] = h[0][k] - w / 2;
                x[2 * k + 1] = h[0][k] + w / 2;
                y[2 * k] = h[1][k];
                y[2 * k + 1] = h[1][k];
            }
            return line(name, x, y);
        }

        /** The underlying XChart chart, for anything the presets lack. */
        public XYChart chart() {
            return chart;
        }

        /** Shows the chart inline ({@link Show#chart}). */
        public void show() {
            Show.chart(chart);
        }
    }
}
