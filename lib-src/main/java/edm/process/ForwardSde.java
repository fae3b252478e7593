package edm.process;

import edm.Check;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * The linear forward SDE dx = f(t) x dt + g(t) dw, its Euler-Maruyama simulation, and the conversion
 * back to EDM's kernel form by integration: s(t) = exp(int_0^t f), sigma(t)^2 = int_0^t g^2/s^2.
 *
 * <p>{@link #of(NoiseProcess)} builds it from a process with f = s'/s and g = s sqrt(2 sigma' sigma)
 * ({@link NoiseProcess#drift}, {@link NoiseProcess#diffusion}).
 *
 * <p>Euler-Maruyama step of width h from t: x <- x + f(t + h/2) x h + g(t + h/2) sqrt(h) z, z ~ N(0, 1).
 * The coefficients are deterministic functions of time, so evaluating them at the midpoint keeps the
 * scheme consistent (weak order 1) and avoids g(0), which is 0/0 in closed form for VP.
 *
 * @param name label
 * @param f    drift coefficient t -> f(t)
 * @param g    diffusion coefficient t -> g(t) >= 0
 */
public record ForwardSde(String name, DoubleUnaryOperator f, DoubleUnaryOperator g) {
    /** Gauss-Legendre nodes on [-1, 1] (3 points, exact for polynomials of degree 5). */
    private static final double[] GL_X = {-Math.sqrt(0.6), 0, Math.sqrt(0.6)};
    private static final double[] GL_W = {5.0 / 9, 8.0 / 9, 5.0 / 9};

    /** Validates that no component is null. */
    public ForwardSde {
        Check.notNull("name", name);
        Check.notNull("f", f);
        Check.notNull("g", g);
    }

    /** The SDE of a process: f = s'/s, g = s sqrt(2 sigma' sigma). */
    public static ForwardSde of(NoiseProcess p) {
        Check.notNull("p", p);
        return new ForwardSde(p.name(), p::drift, p::diffusion);
    }

    /** f(t). */
    public double drift(double t) {
        return f.applyAsDouble(t);
    }

    /** g(t). */
    public double diffusion(double t) {
        return g.applyAsDouble(t);
    }

    /**
     * Simulates every element of x (independent particles or coordinates) from t0 to t1 in place.
     *
     * @param x     states at t0, overwritten with the states at t1
     * @param steps number of Euler-Maruyama steps >= 1
     * @param rng   seeded generator for the Brownian increments
     */
    public void simulate(double[] x, double t0, double t1, int steps, SplittableRandom rng) {
        Check.notNull("x", x);
        Check.notNull("rng", rng);
        Check.atLeast("steps", steps, 1);
        double h = (t1 - t0) / steps;
        double sqrtH = Math.sqrt(Math.abs(h));
        for (int k = 0; k < steps; k++) {
            double tm = t0 + (k + 0.5) * h;
            double a = 1 + drift(tm) * h;
            double b = diffusion(tm) * sqrtH;
            for (int i = 0; i < x.length; i++) {
                x[i] = a * x[i] + b * rng.nextGaussian();
            }
        }
    }

    /**
     * Snapshots of a simulation from times[0] through increasing times, with {@code stepsPerUnit} Euler-Maruyama
     * steps per unit of time (at least one per interval).
     *
     * @param x0 states at times[0] (not modified)
     * @return row k holds the states at times[k]
     */
    public double[][] simulate(double[] x0, double[] times, double stepsPerUnit, SplittableRandom rng) {
        Check.notNull("x0", x0);
        Check.notNull("times", times);
        Check.positive("stepsPerUnit", stepsPerUnit);
        double[][] out = new double[times.length][];
        double[] x = x0.clone();
        out[0] = x.clone();
        for (int k = 1; k < times.length; k++) {
            Check.ordered("times[" + (k - 1) + "]", times[k - 1], "times[" + k + "]", times[k]);
            int steps = Math.max(1, (int) Math.ceil((times[k] - times[k - 1]) * stepsPerUnit));
            simulate(x, times[k - 1], times[k], steps, rng);
            out[k] = x.clone();
        }
        return out;
    }

    /** s(t) = exp(int_0^t f) by composite 3-point Gauss-Legendre quadrature on {@code panels} panels. */
    public double scaling(double t, int panels) {
        return Math.exp(integrate(f, 0, t, panels));
    }

    /**
     * sigma(t) = sqrt(int_0^t g(u)^2/s(u)^2 du), with the inner s(u) also by quadrature
     * (the quadrature nodes never touch u = 0, where g may be 0/0 in closed form).
     */
    public double sigma(double t, int panels) {
        DoubleUnaryOperator integrand = u -> {
            double gu = diffusion(u);
            double su = scaling(u, panels);
            return gu * gu / (su * su);
        };
        return Math.sqrt(integrate(integrand, 0, t, panels));
    }

    /** Composite 3-point Gauss-Legendre rule for int_a^b h. */
    static double integrate(DoubleUnaryOperator h, double a, double b, int panels) {
        Check.atLeast("panels", panels, 1);
        double w = (b - a) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * w;
            for (int k = 0; k < 3; k++) {
                sum += GL_W[k] * h.applyAsDouble(mid + 0.5 * w * GL_X[k]);
            }
        }
        return 0.5 * w * sum;
    }
}
