package edm.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.denoise.Denoiser;

/**
 * Exact log-likelihood through the probability-flow ODE (Song et al. 2021, Score SDE, appendix D;
 * the instantaneous change of variables of FFJORD / neural ODEs), with sigma(t) = t, s = 1.
 *
 * <p>Along the ODE dx/dsigma = v(x, sigma) = (x - D(x; sigma))/sigma the density of the noised data
 * obeys d/dsigma log p(x(sigma); sigma) = -div v, so
 * <pre>
 *   log p(x; sigma_min) = log p(x(sigma_max); sigma_max) + int_{sigma_min}^{sigma_max} div v dsigma
 *                       ~ log N(x(sigma_max); 0, sigma_max^2 I) + int_{ln sigma_min}^{ln sigma_max} (d - tr J_D) du
 * </pre>
 * where x(sigma_min) = x. The integral is taken in u = ln sigma, where dx/du = x - D(x; e^u) and
 * sigma div v = d - tr dD/dx ({@link Divergence}): x and the running integral form one state of
 * shape (B, d + 1), integrated upward by {@link DormandPrince}.
 *
 * <p><b>Biases.</b> (1) The result is the density at sigma_min &gt; 0, the data convolved with
 * N(0, sigma_min^2 I), not at 0; choose sigma_min tiny (1e-4) for a sharp density. (2) The prior
 * N(0, sigma_max^2 I) replaces p(.; sigma_max), which for data of mean mu and spread c errs by about
 * |mu| |x(sigma_max)| / sigma_max^2 + d c^2 / (2 sigma_max^2) ~ |mu| / sigma_max; sigma_max = 1000
 * (cheap, the integral being in ln sigma) makes it about 1e-3 |mu|.
 *
 * @param sigmaMin lower end, &gt; 0
 * @param sigmaMax upper end, where the prior is applied
 * @param solver tolerances of the integration
 * @param divergence exact trace or Hutchinson's estimate
 */
public record Likelihood(double sigmaMin, double sigmaMax, DormandPrince solver, Divergence divergence) {

    public Likelihood {
        Check.positive("sigmaMin", sigmaMin);
        Check.positive("sigmaMax", sigmaMax);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        Check.notNull("solver", solver);
        Check.notNull("divergence", divergence);
    }

    /** sigma from 1e-4 to 1000, rtol = atol = 1e-6, exact trace. */
    public static Likelihood exact() {
        return new Likelihood(1e-4, 1000, new DormandPrince(1e-6, 1e-6), Divergence.exact());
    }

    /**
     * The terms of the estimate, each of shape (B), float64.
     *
     * @param logDensity log p(x; sigma_min) = prior + integral
     * @param prior log N(x(sigma_max); 0, sigma_max^2 I)
     * @param integral int (d - tr J_D) du
     * @param stats the solver's work
     */
    public record Result(NDArray logDensity, NDArray prior, NDArray integral, DormandPrince.Stats stats) {}

    /**
     * log p(x; sigma_min) of each row of x, shape (B, d) (a trailing shape is flattened).
     *
     * @return the terms, attached to x's manager
     */
    public Result evaluate(Denoiser denoiser, NDArray x) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("x", x);
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        int d = (int) (x.getShape().size() / b);
        try (NDManager work = m.newSubManager()) {
            NDArray state = x.toType(ai.djl.ndarray.types.DataType.FLOAT64, true).reshape(b, d)
                    .concat(work.zeros(new Shape(b, 1), ai.djl.ndarray.types.DataType.FLOAT64), 1);
            state.attach(work);
            DormandPrince.Result r = solver.integrate((z, u) -> {
                double sigma = Math.exp(u);
                NDArray xs = z.get(":, 0:" + d);
                Divergence.Value v = divergence.evaluate(denoiser, xs, sigma);
                NDArray dl = v.trace().neg().add(d).reshape(b, 1);
                return xs.sub(v.denoised()).concat(dl, 1);
            }, state, Math.log(sigmaMin), Math.log(sigmaMax), work, null);
            NDArray xT = r.x().get(":, 0:" + d);
            NDArray integral = r.x().get(":, " + d).reshape(b);
            double s2 = sigmaMax * sigmaMax;
            NDArray prior = xT.square().sum(new int[] {1}).div(-2 * s2).sub(0.5 * d * Math.log(2 * Math.PI * s2));
            NDArray logDensity = prior.add(integral);
            for (NDArray a : new NDArray[] {logDensity, prior, integral}) {
                a.attach(m);
            }
            return new Result(logDensity, prior, integral, r.stats());
        }
    }
}
