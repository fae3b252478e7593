package edm.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.denoise.Denoiser;
import edm.rand.NoiseStream;
import edm.rand.SampleRng;

/**
 * The trace of the denoiser's Jacobian, tr dD(x; sigma)/dx, which gives the divergence of the
 * PF-ODE velocity v = (x - D)/sigma: div v = (d - tr J_D)/sigma. Computed from evaluations of D
 * alone, so it works for any denoiser (exact formulas included), by central differences with the
 * step h = relStep sigma:
 *
 * <ul>
 *   <li>{@link #exact}: tr J_D = sum_j [D(x + h e_j) - D(x - h e_j)]_j / (2h), 2d evaluations per
 *       sample (for low dimension d, e.g. 2D toys);</li>
 *   <li>{@link #hutchinson}: tr J_D ~ (1/P) sum_p eps_p . [D(x + h eps_p) - D(x - h eps_p)] / (2h)
 *       with P seeded Rademacher probes eps_p in {-1, 1}^d (Hutchinson 1990; FFJORD), unbiased since
 *       E[eps eps^T] = I; 2P evaluations per sample. Probe p of row k comes from
 *       {@code new NoiseStream(seed).rng(k, p)}, the same at every call, as FFJORD keeps its probes
 *       fixed along the trajectory.</li>
 * </ul>
 *
 * <p><b>Step.</b> D varies on the scale of sigma (it is a posterior mean under noise sigma), so the
 * step is relative to sigma. The central difference errs by O((h/sigma)^2) from the third derivative
 * plus O(u ||D|| / h) from rounding (u = 1.1e-16 in float64); relStep = 1e-3 makes the first about
 * 1e-6 relative and the second about 1e-13 / sigma. For a denoiser linear in x (Gaussian data) the
 * difference is exact up to rounding.
 *
 * <p>{@link #evaluate} also returns D(x; sigma) itself: x and all the perturbed inputs go to the
 * denoiser in one batch, so one call serves the velocity and its divergence.
 *
 * @param probes 0 for the exact trace, else the number P of Hutchinson probes
 * @param seed seed of the probes
 * @param relStep h / sigma, in (0, 1)
 */
public record Divergence(int probes, long seed, double relStep) {
    /** The default relative step h / sigma. */
    public static final double REL_STEP = 1e-3;

    public Divergence {
        Check.atLeast("probes", probes, 0);
        Check.open("relStep", relStep, 0, 1);
    }

    /** The exact trace by 2d central differences with h = 1e-3 sigma. */
    public static Divergence exact() {
        return new Divergence(0, 0, REL_STEP);
    }

    /** Hutchinson's estimator with P Rademacher probes, h = 1e-3 sigma. */
    public static Divergence hutchinson(int probes, long seed) {
        Check.atLeast("probes", probes, 1);
        return new Divergence(probes, seed, REL_STEP);
    }

    /** D(x; sigma) and tr J_D at x. */
    public record Value(NDArray denoised, NDArray trace) {}

    /**
     * D and the trace (or its estimate) for a batch x of shape (B, d), float64; both results are
     * created in x's manager: D of shape (B, d), the trace of shape (B).
     */
    public Value evaluate(Denoiser denoiser, NDArray x, double sigma) {
        Check.positive("sigma", sigma);
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        int d = (int) x.getShape().get(1);
        NDArray directions = probes == 0 ? m.eye(d).toType(x.getDataType(), false).expandDims(0)
                .broadcast(new Shape(b, d, d)) : rademacher(m, (int) b, d).toType(x.getDataType(), false);
        int p = (int) directions.getShape().get(1);
        double h = relStep * sigma;
        NDArray step = directions.mul(h);
        NDArray center = x.expandDims(1);
        NDArray input = concat3(x, center.add(step).reshape(b * p, d), center.sub(step).reshape(b * p, d));
        NDArray out = DenoiserCheck.denoise("likelihood", denoiser, input, sigma);
        NDArray denoised = out.get("0:" + b);
        NDArray plus = out.get(b + ":" + (b + b * p)).reshape(b, p, d);
        NDArray minus = out.get((b + b * p) + ":").reshape(b, p, d);
        NDArray trace = plus.sub(minus).mul(directions).sum(new int[] {1, 2}).div(2 * h * (probes == 0 ? 1 : p));
        return new Value(denoised, trace);
    }

    private static NDArray concat3(NDArray a, NDArray b, NDArray c) {
        return a.concat(b, 0).concat(c, 0);
    }

    /** Probes (B, P, d) in {-1, 1}: entry j of probe p of row k from rng(k, p). */
    private NDArray rademacher(NDManager m, int b, int d) {
        NoiseStream stream = new NoiseStream(seed);
        double[] v = new double[b * probes * d];
        for (int k = 0; k < b; k++) {
            for (int q = 0; q < probes; q++) {
                SampleRng rng = stream.rng(k, q);
                for (int j = 0; j < d; j++) {
                    v[(k * probes + q) * d + j] = rng.nextDouble() < 0.5 ? -1 : 1;
                }
            }
        }
        return m.create(v, new Shape(b, probes, d));
    }
}
