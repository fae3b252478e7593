package edm.sample;

import edm.Check;

/**
 * One step of an explicit ODE solver from EDM's family (Algorithm 3 of Karras et al. 2022):
 * <pre>
 *   x' = x + alpha h d(x, t)
 *   x_next = x + h [ (1 - 1/(2 alpha)) d(x, t) + 1/(2 alpha) d(x', t + alpha h) ]
 * </pre>
 * alpha = 1 is Heun's method (EDM's choice), 1/2 the midpoint method, 2/3 Ralston's method; all
 * are second order. Euler's method (first order) is the step without the correction. Steps that end
 * at sigma = 0 are always Euler steps, since d is undefined there.
 *
 * @param name label
 * @param secondOrder whether the correction is applied
 * @param alpha where the second slope is evaluated, as a fraction of the step, in (0, 1]
 */
public record OdeMethod(String name, boolean secondOrder, double alpha) {
    public static final OdeMethod EULER = new OdeMethod("Euler", false, 1);
    public static final OdeMethod HEUN = new OdeMethod("Heun", true, 1);
    public static final OdeMethod MIDPOINT = new OdeMethod("midpoint", true, 0.5);
    public static final OdeMethod RALSTON = new OdeMethod("Ralston", true, 2.0 / 3.0);

    public OdeMethod {
        Check.notNull("name", name);
        Check.closed("alpha", alpha, Double.MIN_VALUE, 1);
    }

    /** The second-order method with the given alpha in (0, 1]. */
    public static OdeMethod alpha(double alpha) {
        return new OdeMethod("alpha=" + alpha, true, alpha);
    }

    /** Weight of the first slope in the combined update, 1 - 1/(2 alpha). */
    public double firstWeight() {
        return 1 - 1 / (2 * alpha);
    }

    /** Weight of the second slope in the combined update, 1/(2 alpha). */
    public double secondWeight() {
        return 1 / (2 * alpha);
    }
}
