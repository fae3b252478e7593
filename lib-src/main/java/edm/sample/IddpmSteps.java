package edm.sample;

import edm.Check;
import edm.process.IddpmSigmas;

/**
 * iDDPM's steps (EDM Table 1): sigma_i = u_{floor(j0 + (M-1-j0)/(N-1) i + 1/2)} for i < N, sigma_N = 0.
 * They run from u_{j0} (~ 80 for j0 = 8) to u_{M-1}. With N = 1 the single level is u_{j0}.
 */
public final class IddpmSteps implements Discretization {
    /** Published j0 = 8. */
    public static final int J0_DEFAULT = 8;

    private final IddpmSigmas table;
    private final int j0;

    /**
     * @param table the levels u_j
     * @param j0    first index, in 0..M-1
     */
    public IddpmSteps(IddpmSigmas table, int j0) {
        this.table = Check.notNull("table", table);
        Check.atLeast("j0", j0, 0);
        if (j0 > table.M() - 1) {
            throw new IllegalArgumentException("j0 must be <= M - 1 = " + (table.M() - 1) + ", got " + j0);
        }
        this.j0 = j0;
    }

    @Override
    public String name() {
        return "iddpm";
    }

    /** Index j of the i-th level for N steps: floor(j0 + (M-1-j0)/(N-1) i + 1/2). */
    public int index(int i, int n) {
        if (n == 1) {
            return j0;
        }
        return (int) Math.floor(j0 + (double) (table.M() - 1 - j0) / (n - 1) * i + 0.5);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if N > M - j0 (levels would repeat)
     */
    @Override
    public double[] sigmas(int n) {
        Check.atLeast("N", n, 1);
        if (n > table.M() - j0) {
            throw new IllegalArgumentException("N must be <= M - j0 = " + (table.M() - j0) + ", got " + n);
        }
        double[] sigma = new double[n + 1];
        for (int i = 0; i < n; i++) {
            sigma[i] = table.u(index(i, n));
        }
        return sigma;
    }
}
