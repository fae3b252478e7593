package edm.show;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ShowTest {
    @Test
    void chartEncodesAsPng() {
        var chart = new XYChartBuilder().width(300).height(200).title("t").build();
        chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 10, 100});
        byte[] png = Show.png(chart);
        assertTrue(png.length > 100);
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
    }

    @Test
    void tableRendersEscapedHtmlWithTruncation() {
        Table t = Table.create("runs <1>",
                StringColumn.create("solver", "euler", "heun", "a<b"),
                DoubleColumn.create("error", 0.5, 0.25, 0.125));
        String html = Html.table(t, 2);
        assertTrue(html.contains("<caption>runs &lt;1&gt;</caption>"));
        assertTrue(html.contains("<th>solver</th>"));
        assertTrue(html.contains("<td style=\"text-align:right\">0.25</td>"));
        assertFalse(html.contains("a&lt;b"), "third row is cut at maxRows = 2");
        assertTrue(html.contains("1 more rows"));
    }

    @Test
    void notInNotebookOutsideTheKernel() {
        assertFalse(Display.inNotebook());
        assertThrows(IllegalStateException.class, () -> Display.show(Display.bundle("text/plain", "x", "x")));
    }

    @Test
    void progressBarCountsAndPrintsToTheTerminal() {
        var buf = new ByteArrayOutputStream();
        try (var bar = Progress.start("work", 4, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 4; i++) bar.step("loss %.2f", 1.0 / (i + 1));
            assertEquals(4, bar.done());
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("work  4/4  100%"), text);
        assertTrue(text.contains("loss 0.25"), text);
        assertThrows(IllegalArgumentException.class, () -> Progress.start("x", 0));
    }

    @Test
    void rangeVisitsEveryIndexOnce() {
        int sum = 0, count = 0;
        for (int i : Progress.range("range", 10)) {
            sum += i;
            count++;
        }
        assertEquals(10, count);
        assertEquals(45, sum);
    }

    @Test
    void rangeBarEndsComplete() {
        var buf = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            for (int i : Progress.range("chunks", 3)) {
                assertTrue(i < 3);
            }
        } finally {
            System.setErr(err);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("chunks  3/3  100%"), text);
    }
}
