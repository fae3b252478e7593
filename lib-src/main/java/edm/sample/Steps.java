package edm.sample;

import edm.Check;
import edm.process.NoiseSchedule;

/**
 * A step sequence in both coordinates: t_i and sigma_i = sigma(t_i), i = 0..N.
 *
 * @param t     times t_0 .. t_N
 * @param sigma noise levels sigma_0 > ... > sigma_N = 0
 */
public record Steps(double[] t, double[] sigma) {

    /** Validates equal lengths >= 2, sigma strictly decreasing and sigma_N = 0; copies the arrays. */
    public Steps {
        Check.notNull("t", t);
        Check.notNull("sigma", sigma);
        Check.atLeast("sigma.length", sigma.length, 2);
        if (t.length != sigma.length) {
            throw new IllegalArgumentException(
                    "t.length must equal sigma.length = " + sigma.length + ", got " + t.length);
        }
        for (int i = 0; i + 1 < sigma.length; i++) {
            Check.finite("t[" + i + "]", t[i]);
            if (!(sigma[i] > sigma[i + 1])) {
                throw new IllegalArgumentException("sigma must be strictly decreasing, got sigma[" + i + "] = "
                        + sigma[i] + ", sigma[" + (i + 1) + "] = " + sigma[i + 1]);
            }
        }
        if (sigma[sigma.length - 1] != 0) {
            throw new IllegalArgumentException("sigma[N] must be 0, got " + sigma[sigma.length - 1]);
        }
        t = t.clone();
        sigma = sigma.clone();
    }

    /**
     * Maps a sigma-space sequence to time: t_i = sigma^-1(sigma_i) for i < N and t_N = 0
     * (as EDM's ablation sampler, which appends t_N = 0 rather than inverting sigma = 0).
     */
    public static Steps of(Discretization discretization, int n, NoiseSchedule schedule) {
        Check.notNull("discretization", discretization);
        Check.notNull("schedule", schedule);
        double[] sigma = discretization.sigmas(n);
        double[] t = new double[sigma.length];
        for (int i = 0; i < n; i++) {
            t[i] = schedule.sigmaInv(sigma[i]);
        }
        return new Steps(t, sigma);
    }

    /** N, the number of steps. */
    public int n() {
        return sigma.length - 1;
    }

    /** t_i. */
    public double t(int i) {
        return t[i];
    }

    /** sigma_i. */
    public double sigma(int i) {
        return sigma[i];
    }

    /** A copy of t_0 .. t_N (the record accessor also copies). */
    @Override
    public double[] t() {
        return t.clone();
    }

    /** A copy of sigma_0 .. sigma_N. */
    @Override
    public double[] sigma() {
        return sigma.clone();
    }
}
