package edm.show;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Small HTML builders for notebook output. */
public final class Html {
    private Html() {}

    /** Escapes the five XML special characters. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A Tablesaw table as an HTML table with a caption (its name) and right-aligned numbers. */
    public static String table(Table t, int maxRows) {
        StringBuilder b = new StringBuilder("<table class=\"edm-table\">");
        if (t.name() != null && !t.name().isEmpty()) {
            b.append("<caption>").append(escape(t.name())).append("</caption>");
        }
        b.append("<thead><tr>");
        for (Column<?> c : t.columns()) {
            b.append("<th>").append(escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int rows = Math.min(t.rowCount(), maxRows);
        for (int r = 0; r < rows; r++) {
            b.append("<tr>");
            for (Column<?> c : t.columns()) {
                String align = c.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT") ? " style=\"text-align:right\"" : "";
                b.append("<td").append(align).append('>').append(escape(c.getString(r))).append("</td>");
            }
            b.append("</tr>");
        }
        if (t.rowCount() > rows) {
            b.append("<tr><td colspan=\"").append(t.columnCount()).append("\">&hellip; ")
                    .append(t.rowCount() - rows).append(" more rows</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
