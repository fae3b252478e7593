package edm.denoise;

import edm.Check;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Rounding of sigma to the nearest of a finite set of noise levels {u_j}:
 * round(sigma) = u_{argmin_j |u_j - sigma|} (ties go to the smaller level). This is the
 * rounding of iDDPM-style models, whose network only knows the levels it was trained on
 * (EDM Table 1, c_noise = M - 1 - argmin_j |u_j - sigma|).
 */
public final class NearestLevel implements DoubleUnaryOperator {
    private final double[] levels;

    /** @param levels noise levels, each &gt; 0 and finite, any order, at least one */
    public NearestLevel(double... levels) {
        Check.notNull("levels", levels);
        Check.atLeast("levels.length", levels.length, 1);
        this.levels = levels.clone();
        for (int j = 0; j < this.levels.length; j++) {
            Check.positive("levels[" + j + "]", this.levels[j]);
        }
        Arrays.sort(this.levels);
    }

    /** The sorted levels (a copy). */
    public double[] levels() {
        return levels.clone();
    }

    /** The level nearest to {@code sigma}. */
    @Override
    public double applyAsDouble(double sigma) {
        Check.finite("sigma", sigma);
        int i = Arrays.binarySearch(levels, sigma);
        if (i >= 0) {
            return levels[i];
        }
        int hi = -i - 1; // first level > sigma
        if (hi == 0) {
            return levels[0];
        }
        if (hi == levels.length) {
            return levels[levels.length - 1];
        }
        double lo = levels[hi - 1];
        return sigma - lo <= levels[hi] - sigma ? lo : levels[hi];
    }
}
