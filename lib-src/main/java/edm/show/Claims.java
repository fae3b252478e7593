package edm.show;

import edm.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A notebook's closing table: each claim of a paper beside the paper's number (with its table or figure),
 * ours with its spread, a verdict computed from the data, and, where they differ, the measured cause.
 *
 * <pre>{@code
 * Claims c = new Claims("DDPM (Ho et al. 2020)");
 * c.row("L_simple beats the true bound on FID", "Table 2: 3.17 vs 13.51",
 *       Claims.pm(a, sa) + " vs " + Claims.pm(b, sb), Claims.lower(b, a, se), "");
 * c.show();
 * }</pre>
 */
public final class Claims {
    /** One row; {@code cause} may be empty when the claim is reproduced. */
    public record Row(String claim, String paper, String ours, String verdict, String cause) {}

    private final String source;
    private final List<Row> rows = new ArrayList<>();

    /** A table for the claims of {@code source} (e.g. "EDM (Karras et al. 2022)"). */
    public Claims(String source) {
        this.source = Check.notNull("source", source);
    }

    /** Adds a row and returns this table. */
    public Claims row(String claim, String paper, String ours, String verdict, String cause) {
        rows.add(new Row(cell(claim), cell(paper), cell(ours), cell(verdict), cause == null ? "" : cell(cause)));
        return this;
    }

    /** The rows so far. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The table as GitHub-flavoured Markdown. */
    public String markdown() {
        StringBuilder b = new StringBuilder("| claim (" + source + ") | paper | ours | verdict | where we differ: measured cause |\n"
                + "|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.claim).append(" | ").append(r.paper).append(" | ").append(r.ours).append(" | ")
                    .append(r.verdict).append(" | ").append(r.cause).append(" |\n");
        }
        return b.toString();
    }

    /** Shows the table inline. */
    public void show() {
        Show.markdown(markdown());
    }

    /** "m ± s", both to the decimal of the second significant digit of s (three decimals when s is 0). */
    public static String pm(double mean, double sd) {
        int digits = sd > 0 && Double.isFinite(sd) ? Math.max(0, 1 - (int) Math.floor(Math.log10(sd))) : 3;
        digits = Math.min(digits, 8);
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean, sd);
    }

    /**
     * The verdict on "a is lower than b" from their difference and its standard error:
     * "reproduced" when b - a > 2 se, "reversed" when a - b > 2 se, "not separated" otherwise, with z.
     */
    public static String lower(double a, double b, double se) {
        Check.positive("se", se);
        double z = (b - a) / se;
        String word = z > 2 ? "reproduced" : z < -2 ? "reversed" : "not separated";
        return String.format(Locale.ROOT, "%s (z = %.1f)", word, z);
    }

    /** The verdict on "a equals b": "reproduced" when |a - b| <= 2 se, else "not reproduced", with z. */
    public static String tied(double a, double b, double se) {
        Check.positive("se", se);
        double z = (a - b) / se;
        return String.format(Locale.ROOT, "%s (z = %.1f)", Math.abs(z) <= 2 ? "reproduced" : "not reproduced", z);
    }

    /** The verdict on a measured value against a target with a tolerance: within or outside it. */
    public static String within(double value, double target, double tolerance) {
        Check.positive("tolerance", tolerance);
        return String.format(Locale.ROOT, "%s (|%.3g − %.3g| %s %.3g)", Math.abs(value - target) <= tolerance ? "reproduced" : "not reproduced",
                value, target, Math.abs(value - target) <= tolerance ? "≤" : ">", tolerance);
    }

    private static String cell(String s) {
        return Check.notNull("cell", s).replace("|", "\\|").replace("\n", " ");
    }
}
