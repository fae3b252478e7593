package edm.sample;

import edm.Check;
import edm.process.IddpmSigmas;
import edm.process.NoiseSchedule;

/**
 * A step sequence in sigma space: sigma_0 > sigma_1 > ... > sigma_{N-1} > sigma_N = 0 (length N + 1).
 *
 * <p>As in EDM's ablation sampler, sequences live in sigma space and are mapped to time through a
 * schedule's inverse ({@link Steps#of}), so any sequence combines with any schedule.
 *
 * <p>N = 1 gives the single step [sigma_max, 0]: the interpolation index i/(N-1) is only evaluated
 * for i < N, and with N = 1 that is i = 0 alone, taken as the start sigma_max.
 */
public interface Discretization {
    /** A short label for tables and charts. */
    String name();

    /**
     * The sequence for N steps.
     *
     * @param n the number of steps N >= 1
     * @return sigma_0 .. sigma_N, strictly decreasing, sigma_N = 0
     */
    double[] sigmas(int n);

    /**
     * This sequence with its range clamped to a model's supported levels [lo, hi], as EDM's samplers
     * do before rounding (sigma_min = max(sigma_min, net.sigma_min), sigma_max = min(sigma_max,
     * net.sigma_max)). Samplers call it with {@link edm.denoise.Denoiser#sigmaMin()} and
     * {@link edm.denoise.Denoiser#sigmaMax()}, so EDM's steps (sigma_min = 0.002) on an iDDPM model
     * end at u_{M-1} ~ 0.0064 instead of rounding their last level to u_M = 0.
     *
     * <p>Sequences with a range ({@link WarpedSteps}, {@link IddpmSteps}) re-space their levels over
     * the clamped range; this default clamps each level sigma_i, i &lt; N, to [lo, hi], so levels may
     * repeat (a step of length 0 costs its evaluations and changes nothing). Unchanged when [lo, hi]
     * covers every level.
     *
     * @param lo the lowest supported level, &gt;= 0
     * @param hi the highest supported level, &gt; lo (may be +infinity)
     */
    default Discretization clampedTo(double lo, double hi) {
        checkRange(lo, hi);
        if (lo == 0 && hi == Double.POSITIVE_INFINITY) {
            return this;
        }
        Discretization self = this;
        return new Discretization() {
            @Override
            public String name() {
                return self.name();
            }

            @Override
            public double[] sigmas(int n) {
                double[] sigma = self.sigmas(n);
                for (int i = 0; i < n; i++) {
                    sigma[i] = Math.min(Math.max(sigma[i], lo), hi);
                }
                return sigma;
            }
        };
    }

    /** Checks a model's range: 0 &lt;= lo &lt; hi. */
    static void checkRange(double lo, double hi) {
        edm.Check.nonNegative("lo", lo);
        if (Double.isNaN(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("hi must be > lo = " + lo + ", got " + hi);
        }
    }

    /** EDM defaults: sigma_min = 0.002, sigma_max = 80, rho = 7. */
    static Discretization edm() {
        return edm(0.002, 80, 7);
    }

    /**
     * EDM's steps sigma_i = (sigma_max^{1/rho} + i/(N-1)(sigma_min^{1/rho} - sigma_max^{1/rho}))^rho:
     * uniform in sigma^{1/rho}. rho = 1 is uniform in sigma; rho -> infinity tends to log-uniform.
     * rho must keep sigma^{1/rho} finite and separating sigma_min from sigma_max in double precision
     * (about 0.01 &lt;= rho &lt;= 1e14 for the defaults); {@link #sigmas} also rejects a sequence whose
     * levels are not strictly decreasing.
     */
    static Discretization edm(double sigmaMin, double sigmaMax, double rho) {
        Check.positive("rho", rho);
        Check.positive("sigmaMin", sigmaMin);
        Check.positive("sigmaMax", sigmaMax);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        double wMin = Math.pow(sigmaMin, 1 / rho);
        double wMax = Math.pow(sigmaMax, 1 / rho);
        if (!(Double.isFinite(wMax) && wMin > 0 && wMin < wMax)) {
            throw new IllegalArgumentException("rho = " + rho + " is outside the range where sigma^(1/rho) separates"
                    + " sigmaMin = " + sigmaMin + " from sigmaMax = " + sigmaMax + " in double precision (got "
                    + wMin + " and " + wMax + "); use rho in about [" + minRho(sigmaMin, sigmaMax) + ", 1e14]");
        }
        return new WarpedSteps("edm(rho=" + rho + ")", sigmaMin, sigmaMax,
                s -> Math.pow(s, 1 / rho), w -> Math.pow(w, rho));
    }

    /** The smallest rho for which sigma^(1/rho) neither overflows nor underflows at either end (about 0.01). */
    private static double minRho(double sigmaMin, double sigmaMax) {
        double worst = Math.max(Math.abs(Math.log(sigmaMin)), Math.abs(Math.log(sigmaMax)));
        return Math.ceil(worst / 700 * 1000) / 1000;
    }

    /** VP steps with beta_d = 19.9, beta_min = 0.1, eps_s = 1e-3. */
    static Discretization vp() {
        return vp(19.9, 0.1, 1e-3);
    }

    /**
     * VP steps sigma_i = sigma_vp(t_i), t_i = 1 + i/(N-1)(eps_s - 1): uniform in t from 1 to eps_s.
     * The warp is sigma_vp^-1, so sigma_max = sigma_vp(1) ~ 152 and sigma_min = sigma_vp(eps_s) ~ 0.01.
     * beta_d/2 + beta_min must stay below ln(Double.MAX_VALUE) ~ 709.8 so that sigma_max is finite.
     */
    static Discretization vp(double betaD, double betaMin, double epsS) {
        Check.open("epsS", epsS, 0, 1);
        NoiseSchedule vp = NoiseSchedule.vp(betaD, betaMin);
        if (!Double.isFinite(vp.sigma(1))) {
            throw new IllegalArgumentException("betaD = " + betaD + " and betaMin = " + betaMin + " give sigma_vp(1) = infinity;"
                    + " betaD/2 + betaMin must be <= 709 (exp overflows beyond)");
        }
        if (!(vp.sigma(epsS) > 0)) {
            throw new IllegalArgumentException("betaD = " + betaD + ", betaMin = " + betaMin + " and epsS = " + epsS
                    + " give sigma_vp(epsS) = 0 in double precision; raise epsS or betaMin");
        }
        return new WarpedSteps("vp", vp.sigma(epsS), vp.sigma(1), vp::sigmaInv, vp::sigma);
    }

    /** VE steps with sigma_min = 0.02, sigma_max = 100. */
    static Discretization ve() {
        return ve(0.02, 100);
    }

    /**
     * VE steps t_i = sigma_max^2 (sigma_min^2/sigma_max^2)^{i/(N-1)} with sigma = sqrt(t): geometric in
     * sigma, the same sequence as {@link #logUniform}.
     */
    static Discretization ve(double sigmaMin, double sigmaMax) {
        return new WarpedSteps("ve", sigmaMin, sigmaMax, Math::log, Math::exp);
    }

    /** Uniform in sigma: sigma_i = sigma_max + i/(N-1)(sigma_min - sigma_max). */
    static Discretization uniform(double sigmaMin, double sigmaMax) {
        return new WarpedSteps("uniform", sigmaMin, sigmaMax, s -> s, w -> w);
    }

    /** Uniform in ln sigma: sigma_i = sigma_max (sigma_min/sigma_max)^{i/(N-1)}. */
    static Discretization logUniform(double sigmaMin, double sigmaMax) {
        return new WarpedSteps("loguniform", sigmaMin, sigmaMax, Math::log, Math::exp);
    }

    /** iDDPM steps with M = 1000, C1 = 0.001, C2 = 0.008 and j0 = 8. */
    static Discretization iddpm() {
        return new IddpmSteps(new IddpmSigmas(), IddpmSteps.J0_DEFAULT);
    }

    /** iDDPM steps u_{floor(j0 + (M-1-j0)/(N-1) i + 1/2)} over a given table. */
    static Discretization iddpm(IddpmSigmas table, int j0) {
        return new IddpmSteps(table, j0);
    }

    /**
     * Steps uniform in flow time t = sigma/(1 + sigma) from 1 - tCut down to 0: t_i = (1 - tCut)(N - i)/N,
     * sigma_i = t_i/(1 - t_i), so sigma_N = 0 falls on the grid (no extra step to 0) and sigma_0 =
     * (1 - tCut)/tCut. The Euler sampler of rectified flow with N steps on {@code NoiseProcess.flow()}.
     */
    static Discretization flow(double tCut) {
        Check.open("tCut", tCut, 0, 1);
        return new Discretization() {
            @Override
            public String name() {
                return "flow-t";
            }

            @Override
            public double[] sigmas(int n) {
                Check.atLeast("n", n, 1);
                double[] s = new double[n + 1];
                for (int i = 0; i < n; i++) {
                    double t = (1 - tCut) * (n - i) / n;
                    s[i] = t / (1 - t);
                }
                s[n] = 0;
                return s;
            }

            @Override
            public String toString() {
                return "flow-t(tCut=" + tCut + ")";
            }
        };
    }
}
