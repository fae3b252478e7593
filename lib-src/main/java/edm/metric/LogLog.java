package edm.metric;

import edm.Check;

/**
 * Reading convergence curves error(NFE) on log-log axes.
 *
 * <ul>
 *   <li>{@link #slope}: the least-squares slope of ln y against ln x, so for e = C NFE^{-p} it returns -p;
 *   <li>{@link #reach}: the cost at which a decreasing curve first reaches a level, interpolated
 *       linearly in (ln x, ln y) between the two points that bracket it:
 *       x* = exp(ln x_k + (ln L - ln y_k)(ln x_{k+1} - ln x_k)/(ln y_{k+1} - ln y_k)).
 * </ul>
 */
public final class LogLog {
    private LogLog() {}

    /** Least-squares slope of ln y against ln x (all values &gt; 0, at least two points). */
    public static double slope(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x must hold at least two distinct values");
        }
        return sxy / sxx;
    }

    /**
     * The smallest x at which the curve (x ascending) reaches y &lt;= level, log-log interpolated
     * between the last point above the level and the first at or below it; the first x if the curve
     * starts at or below the level; NaN if it never gets there.
     */
    public static double reach(double[] x, double[] y, double level) {
        check(x, y);
        Check.positive("level", level);
        if (y[0] <= level) {
            return x[0];
        }
        for (int k = 0; k + 1 < x.length; k++) {
            if (y[k] > level && y[k + 1] <= level) {
                double lx0 = Math.log(x[k]), lx1 = Math.log(x[k + 1]);
                double ly0 = Math.log(y[k]), ly1 = Math.log(y[k + 1]);
                return Math.exp(lx0 + (Math.log(level) - ly0) * (lx1 - lx0) / (ly1 - ly0));
            }
        }
        return Double.NaN;
    }

    private static void check(double[] x, double[] y) {
        Check.notNull("x", x);
        Check.notNull("y", y);
        Check.atLeast("x.length", x.length, 2);
        if (y.length != x.length) {
            throw new IllegalArgumentException("y must have x.length = " + x.length + " values, got " + y.length);
        }
        for (int i = 0; i < x.length; i++) {
            Check.positive("x[" + i + "]", x[i]);
            Check.positive("y[" + i + "]", y[i]);
        }
    }
}
