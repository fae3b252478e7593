package edm.sample;

import edm.Check;

/**
 * A step sequence given explicitly: sigma_0 > ... > sigma_N = 0. Useful to run a solver on the
 * exact levels another sampler uses (for example DDIM's sub-sequence sigma(tau_i)), so the two can
 * be compared step by step.
 *
 * @param name label
 * @param levels sigma_0 .. sigma_N, strictly decreasing, ending with 0
 */
public record FixedSteps(String name, double[] levels) implements Discretization {

    /** Validates the sequence (strictly decreasing, last entry 0, at least one step) and copies it. */
    public FixedSteps {
        Check.notNull("name", name);
        Check.notNull("levels", levels);
        Check.atLeast("levels.length", levels.length, 2);
        for (int i = 0; i + 1 < levels.length; i++) {
            Check.positive("levels[" + i + "]", levels[i]);
            if (!(levels[i] > levels[i + 1])) {
                throw new IllegalArgumentException("levels must be strictly decreasing, got levels[" + i
                        + "] = " + levels[i] + ", levels[" + (i + 1) + "] = " + levels[i + 1]);
            }
        }
        if (levels[levels.length - 1] != 0) {
            throw new IllegalArgumentException(
                    "levels[N] must be 0, got " + levels[levels.length - 1]);
        }
        levels = levels.clone();
    }

    /** The given levels, labelled "fixed". */
    public static FixedSteps of(double... levels) {
        return new FixedSteps("fixed", levels);
    }

    /** N = levels.length - 1, the only step count this sequence supports. */
    public int n() {
        return levels.length - 1;
    }

    /**
     * The given levels.
     *
     * @param n must equal {@link #n()}
     */
    @Override
    public double[] sigmas(int n) {
        if (n != n()) {
            throw new IllegalArgumentException("n must equal the number of given steps " + n() + ", got " + n);
        }
        return levels.clone();
    }

    /** A copy of sigma_0 .. sigma_N. */
    @Override
    public double[] levels() {
        return levels.clone();
    }
}
