package edm.process;

import edm.Check;
import java.util.function.DoubleUnaryOperator;

/**
 * A scaling s(t) with its derivative s'(t); the forward kernel's mean is s(t) x_0.
 * Closed forms as data, named factories for the published instances.
 */
public final class Scaling {
    private final String name;
    private final DoubleUnaryOperator s;
    private final DoubleUnaryOperator sDeriv;

    /**
     * A scaling from closed forms.
     *
     * @param name   short label
     * @param s      t -> s(t)
     * @param sDeriv t -> s'(t)
     */
    public Scaling(String name, DoubleUnaryOperator s, DoubleUnaryOperator sDeriv) {
        this.name = Check.notNull("name", name);
        this.s = Check.notNull("s", s);
        this.sDeriv = Check.notNull("sDeriv", sDeriv);
    }

    /** s(t) = 1 (VE, iDDPM, EDM). */
    public static Scaling one() {
        return new Scaling("s=1", t -> 1.0, t -> 0.0);
    }

    /**
     * VP and sub-VP: s(t) = exp(-B(t)/2) with B(t) = beta_min t + beta_d t^2/2, so
     * s'(t) = -beta(t) s(t)/2. For VP this equals 1/sqrt(sigma(t)^2 + 1).
     */
    public static Scaling vp(double betaD, double betaMin) {
        Check.positive("betaMin", betaMin);
        VpIntegral b = new VpIntegral(betaD, betaMin);
        return new Scaling("vp", t -> Math.exp(-0.5 * b.integral(t)),
                t -> -0.5 * b.beta(t) * Math.exp(-0.5 * b.integral(t)));
    }

    /**
     * The VP scaling written through any schedule, as in EDM's ablation sampler:
     * <pre>
     *   s(t) = 1/sqrt(1 + sigma(t)^2),   s'(t) = -sigma(t) sigma'(t) s(t)^3.
     * </pre>
     * With the VP schedule it equals {@link #vp(double, double)} (exp(-B/2) = 1/sqrt(sigma^2 + 1));
     * with any other schedule it keeps the kernel's total variance s^2 (1 + sigma^2) = 1, whereas
     * exp(-B(t)/2) of VP's own time would vanish at, say, t = sigma = 80 of the linear schedule.
     *
     * @param schedule sigma(t) and sigma'(t)
     */
    public static Scaling vp(NoiseSchedule schedule) {
        Check.notNull("schedule", schedule);
        return new Scaling("vp", t -> 1 / Math.sqrt(1 + square(schedule.sigma(t))), t -> {
            double sigma = schedule.sigma(t);
            double s = 1 / Math.sqrt(1 + sigma * sigma);
            return -sigma * schedule.sigmaDeriv(t) * s * s * s;
        });
    }

    private static double square(double v) {
        return v * v;
    }

    /** Flow matching: s(t) = 1 - t, s'(t) = -1. */
    public static Scaling flow() {
        return new Scaling("flow", t -> 1 - t, t -> -1.0);
    }

    /** The label given at construction. */
    public String name() {
        return name;
    }

    /** s(t). */
    public double s(double t) {
        return s.applyAsDouble(t);
    }

    /** s'(t) = d s(t) / d t. */
    public double sDeriv(double t) {
        return sDeriv.applyAsDouble(t);
    }

    @Override
    public String toString() {
        return "Scaling[" + name + "]";
    }
}
