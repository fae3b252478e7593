package edm.process;

import edm.Check;

/**
 * The discrete noise levels u_0 > u_1 > ... > u_{M-1} > u_M = 0 of iDDPM's cosine schedule in
 * EDM's sigma space (EDM Table 1 and appendix C.3).
 *
 * <p>alpha_bar_j = sin^2(pi/2 j/(M (C2 + 1))), u_M = 0,
 * u_{j-1} = sqrt((u_j^2 + 1)/max(alpha_bar_{j-1}/alpha_bar_j, C1) - 1).
 * The clamp C1 keeps u_0 finite (alpha_bar_0 = 0).
 */
public final class IddpmSigmas {
    /** Published M = 1000. */
    public static final int M_DEFAULT = 1000;
    /** Published C1 = 0.001 (clamp on the ratio of alpha_bar). */
    public static final double C1_DEFAULT = 0.001;
    /** Published C2 = 0.008 (offset of the cosine schedule). */
    public static final double C2_DEFAULT = 0.008;

    private final int m;
    private final double c1;
    private final double c2;
    private final double[] u;

    /** The table with M = 1000, C1 = 0.001, C2 = 0.008. */
    public IddpmSigmas() {
        this(M_DEFAULT, C1_DEFAULT, C2_DEFAULT);
    }

    /**
     * The table for given constants.
     *
     * @param m  number of levels M >= 2
     * @param c1 clamp in (0, 1]
     * @param c2 cosine offset >= 0
     */
    public IddpmSigmas(int m, double c1, double c2) {
        this.m = Check.atLeast("M", m, 2);
        this.c1 = c1;
        this.c2 = Check.nonNegative("C2", c2);
        if (!(c1 > 0 && c1 <= 1)) {
            throw new IllegalArgumentException("C1 must be in (0.0, 1.0], got " + c1);
        }
        u = new double[m + 1];
        for (int j = m; j > 0; j--) {
            double ratio = Math.max(alphaBar(j - 1) / alphaBar(j), c1);
            u[j - 1] = Math.sqrt((u[j] * u[j] + 1) / ratio - 1);
        }
    }

    /** alpha_bar_j = sin^2(pi/2 j/(M (C2 + 1))). */
    public double alphaBar(int j) {
        double a = Math.sin(0.5 * Math.PI * j / (m * (c2 + 1)));
        return a * a;
    }

    /** u_j for j in 0..M. */
    public double u(int j) {
        Check.atLeast("j", j, 0);
        if (j > m) {
            throw new IllegalArgumentException("j must be <= M = " + m + ", got " + j);
        }
        return u[j];
    }

    /** u_{M-1}, the lowest nonzero level (EDM's {@code sigma_min} of an iDDPM model, ~ 0.0064). */
    public double sigmaMin() {
        return u[m - 1];
    }

    /** u_0, the highest level (EDM's {@code sigma_max} of an iDDPM model, ~ 20291 for M = 1000). */
    public double sigmaMax() {
        return u[0];
    }

    /** M, the number of nonzero levels. */
    public int M() {
        return m;
    }

    /** C1, the clamp on alpha_bar_{j-1}/alpha_bar_j. */
    public double c1() {
        return c1;
    }

    /** C2, the cosine offset. */
    public double c2() {
        return c2;
    }

    /**
     * argmin_j |u_j - sigma| over j = 0..M (as EDM's reference code, which includes u_M = 0).
     * The table is decreasing, so a binary search suffices.
     */
    public int index(double sigma) {
        Check.finite("sigma", sigma);
        int lo = 0;
        int hi = m;
        // Invariant: u[lo] >= sigma >= u[hi] once sigma is inside the table's range.
        if (sigma >= u[0]) {
            return 0;
        }
        if (sigma <= u[m]) {
            return m;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (u[mid] >= sigma) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (u[lo] - sigma <= sigma - u[hi]) ? lo : hi;
    }

    /** The nearest level u_{index(sigma)}. */
    public double round(double sigma) {
        return u[index(sigma)];
    }

    /** A copy of u_0 .. u_M. */
    public double[] table() {
        return u.clone();
    }
}
