package edm.sample;

import edm.Check;
import edm.process.IddpmSigmas;

/**
 * iDDPM's steps (EDM Table 1): sigma_i = u_{floor(j0 + (j1-j0)/(N-1) i + 1/2)} for i &lt; N, sigma_N = 0,
 * with j1 = M - 1 by default. They run from u_{j0} (~ 80 for j0 = 8) to u_{j1}. With N = 1 the single
 * level is u_{j0}. EDM's ablation sampler takes the levels u_j in [sigma_min, sigma_max] = [0.002, 81],
 * which are j = 8 .. 999: the same sequence.
 */
public final class IddpmSteps implements Discretization {
    /** Published j0 = 8. */
    public static final int J0_DEFAULT = 8;

    private final IddpmSigmas table;
    private final int j0;
    private final int j1;

    /**
     * @param table the levels u_j
     * @param j0    first index, in 0..M-1
     */
    public IddpmSteps(IddpmSigmas table, int j0) {
        this(table, j0, Check.notNull("table", table).M() - 1);
    }

    /**
     * @param table the levels u_j
     * @param j0    first index, in 0..j1
     * @param j1    last index, in j0..M-1
     */
    public IddpmSteps(IddpmSigmas table, int j0, int j1) {
        this.table = Check.notNull("table", table);
        Check.atLeast("j0", j0, 0);
        if (j1 > table.M() - 1) {
            throw new IllegalArgumentException("j1 must be <= M - 1 = " + (table.M() - 1) + ", got " + j1);
        }
        if (j0 > j1) {
            throw new IllegalArgumentException("j0 must be <= j1 = " + j1 + ", got " + j0);
        }
        this.j0 = j0;
        this.j1 = j1;
    }

    /**
     * The levels u_j of this sequence's index range that lie in [lo, hi]: j0' = the first j &gt;= j0
     * with u_j &lt;= hi, j1' = the last j &lt;= j1 with u_j &gt;= lo (EDM's filter of the table).
     *
     * @throws IllegalArgumentException if no level lies in [lo, hi]
     */
    @Override
    public Discretization clampedTo(double lo, double hi) {
        Discretization.checkRange(lo, hi);
        int a = j0;
        while (a <= j1 && table.u(a) > hi) {
            a++;
        }
        int b = j1;
        while (b >= a && table.u(b) < lo) {
            b--;
        }
        if (a > b) {
            throw new IllegalArgumentException("the model's range [" + lo + ", " + hi + "] must contain a level"
                    + " u_j, j = " + j0 + " .. " + j1 + " (" + table.u(j1) + " .. " + table.u(j0) + ")");
        }
        return a == j0 && b == j1 ? this : new IddpmSteps(table, a, b);
    }

    @Override
    public String name() {
        return "iddpm";
    }

    /** Index j of the i-th level for N steps: floor(j0 + (j1-j0)/(N-1) i + 1/2). */
    public int index(int i, int n) {
        if (n == 1) {
            return j0;
        }
        return (int) Math.floor(j0 + (double) (j1 - j0) / (n - 1) * i + 0.5);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if N > j1 - j0 + 1 (levels would repeat)
     */
    @Override
    public double[] sigmas(int n) {
        Check.atLeast("N", n, 1);
        if (n > j1 - j0 + 1) {
            throw new IllegalArgumentException("N must be <= j1 - j0 + 1 = " + (j1 - j0 + 1) + ", got " + n);
        }
        double[] sigma = new double[n + 1];
        for (int i = 0; i < n; i++) {
            sigma[i] = table.u(index(i, n));
        }
        return sigma;
    }
}
