package edm.process;

import edm.Check;
import java.util.function.DoubleUnaryOperator;

/**
 * A noise schedule sigma(t) with its derivative sigma'(t) and inverse sigma^-1(sigma).
 *
 * <p>Every schedule of the papers has a closed form, so one class holds the three functions as
 * data and the named factories supply them (EDM Table 1, Score SDE, flow matching).
 */
public final class NoiseSchedule {
    private final String name;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator sigmaDeriv;
    private final DoubleUnaryOperator sigmaInv;
    private final Interval times;
    private final Interval levels;

    /**
     * A schedule from closed forms, defined for t in [0, inf) and sigma in [0, inf).
     *
     * @param name       short label for tables and charts
     * @param sigma      t -> sigma(t)
     * @param sigmaDeriv t -> sigma'(t) = d sigma / d t
     * @param sigmaInv   sigma -> t with sigma(t) = sigma
     */
    public NoiseSchedule(String name, DoubleUnaryOperator sigma, DoubleUnaryOperator sigmaDeriv,
            DoubleUnaryOperator sigmaInv) {
        this(name, sigma, sigmaDeriv, sigmaInv, Interval.NON_NEGATIVE, Interval.NON_NEGATIVE);
    }

    private NoiseSchedule(String name, DoubleUnaryOperator sigma, DoubleUnaryOperator sigmaDeriv,
            DoubleUnaryOperator sigmaInv, Interval times, Interval levels) {
        this.name = Check.notNull("name", name);
        this.sigma = Check.notNull("sigma", sigma);
        this.sigmaDeriv = Check.notNull("sigmaDeriv", sigmaDeriv);
        this.sigmaInv = Check.notNull("sigmaInv", sigmaInv);
        this.times = times;
        this.levels = levels;
    }

    /**
     * A domain of finite values lo &lt;= x &lt; hi (or &lt;= hi when closed); checks a scalar per call,
     * which is cheap enough for the per-step calls of a sampler.
     */
    private record Interval(double lo, boolean loOpen, double hi, boolean hiOpen) {
        static final Interval NON_NEGATIVE = new Interval(0, false, Double.MAX_VALUE, false);
        static final Interval POSITIVE = new Interval(0, true, Double.MAX_VALUE, false);
        static final Interval REAL = new Interval(-Double.MAX_VALUE, false, Double.MAX_VALUE, false);

        double check(String schedule, String param, double x) {
            boolean ok = (loOpen ? x > lo : x >= lo) && (hiOpen ? x < hi : x <= hi);
            if (!ok) {
                throw new IllegalArgumentException(schedule + ": " + param + " must be in " + this + ", got " + x);
            }
            return x;
        }

        @Override
        public String toString() {
            return (lo == -Double.MAX_VALUE ? "(-inf" : (loOpen ? "(" : "[") + fmt(lo)) + ", "
                    + (hi == Double.MAX_VALUE ? "inf)" : fmt(hi) + (hiOpen ? ")" : "]"));
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** sigma(t) = t (EDM and iDDPM, Table 1). */
    public static NoiseSchedule linear() {
        return new NoiseSchedule("sigma=t", t -> t, t -> 1.0, s -> s);
    }

    /** sigma(t) = sqrt(t), sigma'(t) = 1/(2 sqrt(t)), sigma^-1(sigma) = sigma^2 (EDM's VE column). */
    public static NoiseSchedule sqrt() {
        return new NoiseSchedule("sigma=sqrt(t)", Math::sqrt, t -> 0.5 / Math.sqrt(t), s -> s * s);
    }

    /**
     * Score SDE's geometric VE schedule sigma(t) = sigma_min (sigma_max/sigma_min)^t, with
     * sigma'(t) = sigma(t) ln(sigma_max/sigma_min) and sigma^-1(sigma) = ln(sigma/sigma_min)/ln(sigma_max/sigma_min).
     * Note sigma(0) = sigma_min, not 0. Defined for every finite t and sigma &gt; 0.
     */
    public static NoiseSchedule geometric(double sigmaMin, double sigmaMax) {
        Check.positive("sigmaMin", sigmaMin);
        Check.positive("sigmaMax", sigmaMax);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        double logRatio = Math.log(sigmaMax / sigmaMin);
        return new NoiseSchedule("geometric", t -> sigmaMin * Math.exp(logRatio * t),
                t -> sigmaMin * Math.exp(logRatio * t) * logRatio, s -> Math.log(s / sigmaMin) / logRatio,
                Interval.REAL, Interval.POSITIVE);
    }

    /** Score SDE's geometric VE schedule with its published range 0.01 to 50 (data in [0, 1]). */
    public static NoiseSchedule geometric() {
        return geometric(0.01, 50);
    }

    /**
     * VP: sigma(t) = sqrt(exp(B(t)) - 1) with B(t) = beta_d t^2/2 + beta_min t = int_0^t beta;
     * sigma'(t) = beta(t) exp(B)/(2 sigma), beta(t) = beta_min + beta_d t;
     * sigma^-1(sigma) = (sqrt(beta_min^2 + 2 beta_d ln(sigma^2 + 1)) - beta_min)/beta_d.
     */
    public static NoiseSchedule vp(double betaD, double betaMin) {
        Check.positive("betaMin", betaMin);
        return vp(new VpIntegral(betaD, betaMin));
    }

    private static NoiseSchedule vp(VpIntegral b) {
        return new NoiseSchedule("vp", t -> Math.sqrt(Math.expm1(b.integral(t))),
                t -> b.beta(t) * Math.exp(b.integral(t)) / (2 * Math.sqrt(Math.expm1(b.integral(t)))),
                s -> b.inverse(Math.log1p(s * s)));
    }

    /** VP with EDM's constants beta_d = 19.9, beta_min = 0.1. */
    public static NoiseSchedule vp() {
        return vp(VpIntegral.BETA_D, VpIntegral.BETA_MIN);
    }

    /**
     * The VP schedule refitted to a sigma range, as EDM's ablation sampler does for every
     * discretization: beta_d and beta_min are chosen so that sigma(eps_s) = sigma_min and
     * sigma(1) = sigma_max. With L_0 = ln(sigma_min^2 + 1) and L_1 = ln(sigma_max^2 + 1), the two
     * conditions B(eps_s) = L_0, B(1) = L_1 on B(t) = beta_min t + beta_d t^2/2 give
     * <pre>
     *   beta_d   = 2 (L_0/eps_s - L_1) / (eps_s - 1),
     *   beta_min = L_1 - beta_d/2.
     * </pre>
     * So the time steps t_i = sigma^-1(sigma_i) of any discretization over [sigma_min, sigma_max]
     * run from t = 1 down to t = eps_s. For VP's own range (sigma_min = sigma_vp(1e-3) ~ 0.0105,
     * sigma_max = sigma_vp(1) ~ 152) the fit returns beta_d = 19.9, beta_min = 0.1; for EDM's
     * range 0.002 .. 80 it gives beta_d ~ 17.54 and beta_min ~ -0.006 &lt; 0, so B(t) &lt; 0 and
     * sigma(t) is undefined for 0 &lt; t &lt; -2 beta_min/beta_d ~ 7e-4: the schedule is meant for
     * t in {0} and [eps_s, 1], where samplers use it.
     *
     * @param sigmaMin sigma(eps_s), &gt; 0
     * @param sigmaMax sigma(1), &gt; sigmaMin
     * @param epsS eps_s in (0, 1); EDM: 1e-3
     */
    public static NoiseSchedule vpFit(double sigmaMin, double sigmaMax, double epsS) {
        return vp(vpFitIntegral(sigmaMin, sigmaMax, epsS));
    }

    /** beta_d and beta_min of {@link #vpFit}, as {betaD, betaMin}. */
    public static double[] vpFitBetas(double sigmaMin, double sigmaMax, double epsS) {
        VpIntegral b = vpFitIntegral(sigmaMin, sigmaMax, epsS);
        return new double[] {b.betaD(), b.betaMin()};
    }

    private static VpIntegral vpFitIntegral(double sigmaMin, double sigmaMax, double epsS) {
        Check.positive("sigmaMin", sigmaMin);
        Check.positive("sigmaMax", sigmaMax);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        Check.open("epsS", epsS, 0, 1);
        double l0 = Math.log1p(sigmaMin * sigmaMin);
        double l1 = Math.log1p(sigmaMax * sigmaMax);
        double betaD = 2 * (l0 / epsS - l1) / (epsS - 1);
        return new VpIntegral(betaD, l1 - 0.5 * betaD);
    }

    /**
     * Sub-VP (Score SDE): sigma(t) = 2 sinh(B(t)/2), sigma'(t) = beta(t) cosh(B/2),
     * sigma^-1(sigma) = B^-1(2 asinh(sigma/2)). Derived in {@link NoiseProcess#subVp(double, double)}.
     */
    public static NoiseSchedule subVp(double betaD, double betaMin) {
        Check.positive("betaMin", betaMin);
        VpIntegral b = new VpIntegral(betaD, betaMin);
        return new NoiseSchedule("sub-vp", t -> 2 * Math.sinh(b.integral(t) / 2),
                t -> b.beta(t) * Math.cosh(b.integral(t) / 2), s -> b.inverse(2 * asinh(s / 2)));
    }

    /**
     * Flow matching / rectified flow: x_t = (1 - t) x_0 + t eps gives sigma(t) = t/(1 - t),
     * sigma'(t) = 1/(1 - t)^2, sigma^-1(sigma) = sigma/(1 + sigma); defined for t in [0, 1).
     */
    public static NoiseSchedule flow() {
        return new NoiseSchedule("flow", t -> t / (1 - t), t -> 1 / ((1 - t) * (1 - t)), s -> s / (1 + s),
                new Interval(0, false, 1, true), Interval.NON_NEGATIVE);
    }

    /** The label given at construction. */
    public String name() {
        return name;
    }

    /**
     * sigma(t).
     *
     * @throws IllegalArgumentException for t outside the schedule's domain ({@link #checkTime}), NaN included
     */
    public double sigma(double t) {
        return sigma.applyAsDouble(checkTime(t));
    }

    /**
     * sigma'(t) = d sigma(t) / d t.
     *
     * @throws IllegalArgumentException for t outside the schedule's domain
     */
    public double sigmaDeriv(double t) {
        return sigmaDeriv.applyAsDouble(checkTime(t));
    }

    /**
     * sigma^-1(sigma): the time t with sigma(t) = sigma.
     *
     * @throws IllegalArgumentException for sigma outside [0, inf) (geometric: (0, inf)), NaN included
     */
    public double sigmaInv(double sigma) {
        return sigmaInv.applyAsDouble(levels.check(name, "sigma", sigma));
    }

    /**
     * Returns t if it lies in the schedule's time domain: finite t &gt;= 0 ([0, 1) for flow, any finite t
     * for the geometric VE schedule).
     *
     * @throws IllegalArgumentException naming the schedule, t and the domain otherwise
     */
    public double checkTime(double t) {
        return times.check(name, "t", t);
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    @Override
    public String toString() {
        return "NoiseSchedule[" + name + "]";
    }
}
