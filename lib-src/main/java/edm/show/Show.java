package edm.show;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Rich output for notebook cells, with a plain-text fallback on the command line.
 *
 * <ul>
 *   <li>{@link #chart}: an XChart chart as an inline PNG;</li>
 *   <li>{@link #table}: a Tablesaw table as an HTML table;</li>
 *   <li>{@link #markdown}: Markdown with LaTeX ({@code $...$}, {@code $$...$$}), rendered by Jupyter.</li>
 * </ul>
 * Outside a notebook the chart is written as a PNG under {@code target/figures} (its path printed),
 * the table and the Markdown are printed as text.
 */
public final class Show {
    private Show() {}

    /** Shows a chart inline as a PNG image (rendered at 2x for sharp figures on high-DPI screens). */
    public static void chart(Chart<?, ?> chart) {
        byte[] png = png(chart);
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "chart" : chart.getTitle();
        if (Display.inNotebook()) {
            Display.show(Display.bundle("image/png", Base64.getEncoder().encodeToString(png), title));
        } else {
            savePng(title, png);
        }
    }

    /** Encodes a chart as PNG bytes at the given resolution. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** Shows a Tablesaw table as HTML (all rows up to {@code maxRows}, then an ellipsis row). */
    public static void table(Table table) {
        table(table, 60);
    }

    /** Shows a Tablesaw table as HTML, truncated to {@code maxRows} rows. */
    public static void table(Table table, int maxRows) {
        if (Display.inNotebook()) {
            Display.show(Display.bundle("text/html", Html.table(table, maxRows), table.printAll()));
        } else {
            System.out.println(table.print(maxRows));
        }
    }

    /** Shows Markdown text; Jupyter renders its LaTeX with MathJax. */
    public static void markdown(String markdown) {
        if (Display.inNotebook()) {
            Display.show(Display.bundle("text/markdown", markdown, markdown));
        } else {
            System.out.println(markdown);
        }
    }

    /** Shows an HTML fragment (text is shown outside a notebook). */
    public static void html(String html, String plainText) {
        if (Display.inNotebook()) {
            Display.show(Display.bundle("text/html", html, plainText));
        } else {
            System.out.println(plainText);
        }
    }

    /** Shows plain text as a {@code text/plain} output (reads better than the kernel's HTML default). */
    public static void text(String text) {
        if (Display.inNotebook()) {
            Display.show(java.util.Map.of("text/plain", text));
        } else {
            System.out.println(text);
        }
    }

    /** Writes PNG bytes to {@code target/figures/<title>.png} and prints the path (the fallback outside a notebook). */
    static void savePng(String title, byte[] png) {
        System.out.println("[chart] " + title + " -> " + saveFallback(title, png));
    }

    private static Path saveFallback(String title, byte[] png) {
        try {
            Path dir = Path.of("target", "figures");
            Files.createDirectories(dir);
            String name = title.replaceAll("[^A-Za-z0-9._-]+", "_");
            Path file = dir.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save chart '" + title + "'", e);
        }
    }
}
