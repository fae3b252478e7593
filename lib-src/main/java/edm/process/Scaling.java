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
        VpIntegral b = new VpIntegral(betaD, betaMin);
        return new Scaling("vp", t -> Math.exp(-0.5 * b.integral(t)),
                t -> -0.5 * b.beta(t) * Math.exp(-0.5 * b.integral(t)));
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
