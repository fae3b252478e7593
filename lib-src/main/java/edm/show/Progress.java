package edm.show;

import edm.Check;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A progress bar for long loops: a live HTML bar in a notebook (updated in place), a text bar on
 * standard error elsewhere. Updates are throttled so the bar costs nothing measurable in a loop.
 *
 * <pre>{@code
 * try (var bar = Progress.start("training", steps)) {
 *     for (int i = 0; i < steps; i++) { ...; bar.step("loss %.4f", loss); }
 * }
 * for (int i : Progress.range("sampling", n)) { ... }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final long MIN_INTERVAL_NANOS = 250_000_000L;

    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final String displayId;
    private final PrintStream err;
    private long done;
    private long lastDrawNanos;
    private String note = "";
    private boolean closed;

    private Progress(String label, long total, PrintStream err) {
        this.label = Check.notNull("label", label);
        this.total = total;
        Check.positive("total", total);
        this.err = err;
        this.displayId = Display.inNotebook() ? Display.show(bundle()) : null;
    }

    /** Starts a bar for {@code total} units of work. */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System.err);
    }

    /** Starts a bar that writes its text form to the given stream (for tests and logs). */
    public static Progress start(String label, long total, PrintStream textOut) {
        return new Progress(label, total, textOut);
    }

    /** Iterates {@code 0 .. n-1} with a bar; the bar closes when the loop ends. */
    public static Iterable<Integer> range(String label, int n) {
        return () -> new Iterator<>() {
            final Progress bar = start(label, n);
            int i;

            @Override
            public boolean hasNext() {
                if (i >= n) {
                    bar.advance(n - bar.done(), null); // the last iteration has finished too
                    bar.close();
                }
                return i < n;
            }

            @Override
            public Integer next() {
                if (i >= n) throw new NoSuchElementException();
                if (i > 0) bar.step();
                return i++;
            }
        };
    }

    /** Marks one unit done. */
    public void step() {
        advance(1, null);
    }

    /** Marks one unit done and shows a note, e.g. {@code step("loss %.4f", loss)}. */
    public void step(String format, Object... args) {
        advance(1, String.format(Locale.ROOT, format, args));
    }

    /** Marks {@code units} done. */
    public void advance(long units, String newNote) {
        done = Math.min(total, done + units);
        if (newNote != null) note = newNote;
        long now = System.nanoTime();
        if (now - lastDrawNanos >= MIN_INTERVAL_NANOS || done == total) {
            lastDrawNanos = now;
            draw(false);
        }
    }

    /** Units done so far. */
    public long done() {
        return done;
    }

    /** Completes the bar (it shows 100% only if all units were done). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        draw(true);
    }

    /** The status line, e.g. {@code "training  42/100  42%  3.1s  eta 4.3s  loss 0.1"}. */
    String statusLine() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double frac = (double) done / total;
        String eta = done > 0 && done < total ? String.format(Locale.ROOT, "  eta %.1fs", elapsed / frac - elapsed) : "";
        return String.format(Locale.ROOT, "%s  %d/%d  %3.0f%%  %.1fs%s%s", label, done, total,
                100 * frac, elapsed, eta, note.isEmpty() ? "" : "  " + note);
    }

    private void draw(boolean last) {
        if (displayId != null) {
            Display.update(displayId, bundle());
        } else {
            int width = 30;
            int filled = (int) Math.round(width * (double) done / total);
            String bar = "#".repeat(filled) + "-".repeat(width - filled);
            err.print("\r[" + bar + "] " + statusLine() + (last ? System.lineSeparator() : ""));
            err.flush();
        }
    }

    private java.util.Map<String, String> bundle() {
        double pct = 100.0 * done / total;
        String html = String.format(Locale.ROOT,
                "<div style=\"font-family:monospace\"><progress value=\"%d\" max=\"%d\" style=\"width:40%%\"></progress> %s</div>",
                done, total, Html.escape(statusLine()));
        return Display.bundle("text/html", html, statusLine() + String.format(Locale.ROOT, " (%.0f%%)", pct));
    }
}
