package edm.train;

import edm.Check;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The loss history as a Tablesaw table, one row per {@code interval} steps: step (steps done),
 * samples, lr, grad_norm (mean before clipping), loss (mean over the interval) and the mean per-sample
 * loss in each of {@code bins} equal buckets of ln sigma on [ln sigmaMin, ln sigmaMax] (levels outside go
 * to the end buckets; NaN where a bucket got no sample), for EDM Fig. 5a style loss-versus-sigma charts.
 */
public final class LossHistory {
    private final int interval;
    private final double lnLo;
    private final double lnHi;
    private final double[] binSum;
    private final long[] binCount;
    private final Table table;
    private double lossSum;
    private double normSum;
    private int count;

    /**
     * @param interval steps per row
     * @param bins     number of ln sigma buckets
     * @param sigmaMin lower edge of the first bucket
     * @param sigmaMax upper edge of the last bucket
     */
    public LossHistory(int interval, int bins, double sigmaMin, double sigmaMax) {
        this.interval = Check.atLeast("interval", interval, 1);
        Check.atLeast("bins", bins, 1);
        Check.positive("sigmaMin", sigmaMin);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        lnLo = Math.log(sigmaMin);
        lnHi = Math.log(sigmaMax);
        binSum = new double[bins];
        binCount = new long[bins];
        table = Table.create("loss history", LongColumn.create("step"), LongColumn.create("samples"),
                DoubleColumn.create("lr"), DoubleColumn.create("grad_norm"), DoubleColumn.create("loss"));
        for (int b = 0; b < bins; b++) {
            table.addColumns(DoubleColumn.create(binName(b)));
        }
    }

    /** Column name of bucket b, e.g. "sigma 0.002-0.0075". */
    public String binName(int b) {
        return String.format(Locale.ROOT, "sigma %.3g-%.3g", Math.exp(binEdge(b)), Math.exp(binEdge(b + 1)));
    }

    /** ln sigma at the lower edge of bucket b (b = bins gives the upper end). */
    public double binEdge(int b) {
        return lnLo + (lnHi - lnLo) * b / binSum.length;
    }

    /** The bucket of a noise level. */
    public int bin(double sigma) {
        int b = (int) Math.floor((Math.log(sigma) - lnLo) / (lnHi - lnLo) * binSum.length);
        return Math.max(0, Math.min(binSum.length - 1, b));
    }

    /** Records one step (0-based {@code step}); adds a row when an interval is complete. */
    public void record(long step, long samples, double lr, double gradNorm, double[] sigmas, float[] losses) {
        double s = 0;
        for (int i = 0; i < losses.length; i++) {
            s += losses[i];
            int b = bin(sigmas[i]);
            binSum[b] += losses[i];
            binCount[b]++;
        }
        lossSum += s / losses.length;
        normSum += gradNorm;
        count++;
        if ((step + 1) % interval == 0) {
            flush(step + 1, samples, lr);
        }
    }

    private void flush(long steps, long samples, double lr) {
        ((LongColumn) table.column("step")).append(steps);
        ((LongColumn) table.column("samples")).append(samples);
        table.doubleColumn("lr").append(lr);
        table.doubleColumn("grad_norm").append(normSum / count);
        table.doubleColumn("loss").append(lossSum / count);
        for (int b = 0; b < binSum.length; b++) {
            table.doubleColumn(binName(b)).append(binCount[b] == 0 ? Double.NaN : binSum[b] / binCount[b]);
            binSum[b] = 0;
            binCount[b] = 0;
        }
        lossSum = 0;
        normSum = 0;
        count = 0;
    }

    /** The table (live; rows are appended as training goes on). */
    public Table table() {
        return table;
    }
}
