package edm.sample;

import edm.Check;
import edm.process.NoiseProcess;

/**
 * EDM's probability-flow ODE for a general process (eq. 4 written with the denoiser D):
 * dx/dt = (sigma'(t)/sigma(t) + s'(t)/s(t)) x - (sigma'(t) s(t)/sigma(t)) D(x/s(t); sigma(t)),
 * integrated with classical fourth-order Runge-Kutta in double precision.
 *
 * <p>With s = 1 and sigma = t it is dx/dsigma = (x - D(x; sigma))/sigma: the tangent at (sigma, x)
 * points exactly at (0, D(x; sigma)).
 *
 * @param process  sigma(t) and s(t)
 * @param denoiser D(x; sigma) in the normalized space x = x_t/s
 */
public record ProbabilityFlow(NoiseProcess process, Denoiser denoiser) {

    /** A denoiser D(x; sigma) on double arrays (x is the normalized input x_t/s). */
    @FunctionalInterface
    public interface Denoiser {
        /** D(x; sigma), same length as x. */
        double[] apply(double[] x, double sigma);
    }

    /** Validates that no component is null. */
    public ProbabilityFlow {
        Check.notNull("process", process);
        Check.notNull("denoiser", denoiser);
    }

    /** dx/dt at (x, t); requires sigma(t) > 0. */
    public double[] velocity(double[] x, double t) {
        double sigma = process.sigma(t);
        double dSigma = process.schedule().sigmaDeriv(t);
        double s = process.s(t);
        double dS = process.scaling().sDeriv(t);
        double a = dSigma / sigma + dS / s;
        double b = dSigma * s / sigma;
        double[] xn = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xn[i] = x[i] / s;
        }
        double[] d = denoiser.apply(xn, sigma);
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = a * x[i] - b * d[i];
        }
        return v;
    }

    /** Integrates from t0 to t1 (either direction) with {@code steps} RK4 steps; x is not modified. */
    public double[] solve(double[] x, double t0, double t1, int steps) {
        Check.notNull("x", x);
        Check.atLeast("steps", steps, 1);
        double h = (t1 - t0) / steps;
        double[] y = x.clone();
        for (int k = 0; k < steps; k++) {
            double t = t0 + k * h;
            double[] k1 = velocity(y, t);
            double[] k2 = velocity(axpy(y, 0.5 * h, k1), t + 0.5 * h);
            double[] k3 = velocity(axpy(y, 0.5 * h, k2), t + 0.5 * h);
            double[] k4 = velocity(axpy(y, h, k3), t + h);
            for (int i = 0; i < y.length; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return y;
    }

    /**
     * The trajectory through the given times (decreasing for sampling), with {@code substeps} RK4 steps
     * between consecutive times.
     *
     * @return row k holds x(times[k]); row 0 is a copy of x
     */
    public double[][] trajectory(double[] x, double[] times, int substeps) {
        Check.notNull("times", times);
        double[][] out = new double[times.length][];
        out[0] = x.clone();
        for (int k = 1; k < times.length; k++) {
            out[k] = solve(out[k - 1], times[k - 1], times[k], substeps);
        }
        return out;
    }

    private static double[] axpy(double[] y, double a, double[] v) {
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = y[i] + a * v[i];
        }
        return r;
    }
}
