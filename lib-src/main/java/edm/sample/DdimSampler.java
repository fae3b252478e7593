package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.DiscreteDdpm;

/**
 * DDIM (Song, Meng and Ermon 2020, eq. 12) on a sub-sequence tau of a {@link DiscreteDdpm} chain.
 * With a = alpha_bar, a step from t = tau_i to prev = tau_{i-1} (a_prev = 1 after tau_0) is
 * <pre>
 *   x0_hat    = D(x_t/sqrt(a_t); sigma(t)),    eps = (x_t/sqrt(a_t) - x0_hat)/sigma(t)
 *   sigma_t   = eta sqrt((1 - a_prev)/(1 - a_t)) sqrt(1 - a_t/a_prev)
 *   x_prev    = sqrt(a_prev) x0_hat + sqrt(1 - a_prev - sigma_t^2) eps + sigma_t z,   z ~ N(0, I)
 * </pre>
 * where sigma(t) = sqrt((1 - a_t)/a_t) is the unified noise level (x0_hat = (x_t - sqrt(1 - a_t) eps)/sqrt(a_t)
 * is the same estimate written with eps). eta = 0 is deterministic; eta = 1 on the full chain is
 * DDPM ancestral sampling with sigma_t^2 = beta_tilde_t, because then
 * sigma_t(1)^2 = (1 - a_prev)/(1 - a_t) (1 - alpha_t) = beta_tilde_t.
 *
 * <p><b>eta = 0 is Euler's method on the PF-ODE.</b> Divide the update by sqrt(a_prev) and write
 * x_hat = x/sqrt(a): x_hat_prev = x0_hat + sigma(prev) eps = x_hat_t + (sigma(prev) - sigma(t)) (x_hat_t - D)/sigma(t),
 * which is one Euler step of dx_hat/dsigma = (x_hat - D(x_hat; sigma))/sigma, the PF-ODE with
 * sigma(t) = t and s(t) = 1 (EDM section 4). The same view makes {@link #encode} the Euler method run
 * forward in sigma.
 *
 * <p>Step i (from tau_{S-1-i}) draws its noise at the run's stream step i. S evaluations of D.
 *
 * @param ddpm the chain
 * @param tau the sub-sequence 1 <= tau_0 < ... < tau_{S-1} <= T
 * @param eta the stochasticity, in [0, 1]
 */
public record DdimSampler(DiscreteDdpm ddpm, int[] tau, double eta) implements Sampler {

    /** Validates tau (strictly increasing in 1..T, non-empty) and eta; copies tau. */
    public DdimSampler {
        Check.notNull("ddpm", ddpm);
        Check.notNull("tau", tau);
        Check.atLeast("tau.length", tau.length, 1);
        for (int i = 0; i < tau.length; i++) {
            Check.atLeast("tau[" + i + "]", tau[i], i == 0 ? 1 : tau[i - 1] + 1);
            if (tau[i] > ddpm.T()) {
                throw new IllegalArgumentException(
                        "tau[" + i + "] must be <= T = " + ddpm.T() + ", got " + tau[i]);
            }
        }
        Check.closed("eta", eta, 0, 1);
        tau = tau.clone();
    }

    /** DDIM on S steps of the given rule over the chain. */
    public static DdimSampler of(DiscreteDdpm ddpm, DdimSteps rule, int steps, double eta) {
        Check.notNull("rule", rule);
        return new DdimSampler(ddpm, rule.tau(ddpm.T(), steps), eta);
    }

    /** Deterministic DDIM (eta = 0) with S linear steps on DDPM's published chain. */
    public static DdimSampler ddim(int steps) {
        return of(new DiscreteDdpm(), DdimSteps.LINEAR, steps, 0);
    }

    /** S, the number of steps. */
    public int steps() {
        return tau.length;
    }

    /** A copy of tau. */
    @Override
    public int[] tau() {
        return tau.clone();
    }

    /**
     * The unified noise levels of the decoding steps, sigma(tau_{S-1}) > ... > sigma(tau_0) > 0 = sigma(0),
     * in the form of a {@link Discretization} input (length S + 1, ending with 0).
     */
    public double[] sigmas() {
        int n = tau.length;
        double[] s = new double[n + 1];
        for (int i = 0; i < n; i++) {
            s[i] = ddpm.sigma(tau[n - 1 - i]);
        }
        return s;
    }

    @Override
    public String name() {
        return "DDIM/eta=" + eta + "/S=" + tau.length + "/T=" + ddpm.T();
    }

    /** Draws x_T ~ N(0, I) (stream step {@link SampleRun#INITIAL}) and decodes it. */
    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        Check.notNull("run", run);
        return decode(denoiser, run.initial(1.0), run);
    }

    /**
     * Runs the steps from x at t = tau_{S-1} down to t = 0. {@code xT} is not freed; the result is
     * attached to the run's manager.
     */
    public NDArray decode(Denoiser denoiser, NDArray xT, SampleRun run) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("xT", xT);
        Check.notNull("run", run);
        int n = tau.length;
        NDArray x = xT.duplicate();
        x.attach(run.manager());
        run.afterStep(name(), -1, ddpm.sigma(tau[n - 1]), x);
        for (int i = 0; i < n; i++) {
            final int t = tau[n - 1 - i];
            final int prev = n - 2 - i >= 0 ? tau[n - 2 - i] : 0;
            final int step = i;
            x = run.step(x, xt -> step(denoiser, run, xt, t, prev, step));
            run.afterStep(name(), i, ddpm.sigma(prev), x);
        }
        return x;
    }

    /**
     * Deterministic encoding x_0 -> x_T: the eta = 0 update run forward through 0, tau_0, ..., tau_{S-1},
     * <pre>
     *   x_next = sqrt(a_next) x0_hat + sqrt(1 - a_next) eps
     * </pre>
     * with x0_hat and eps from D at the current level, i.e. Euler's method for the PF-ODE in sigma
     * run upwards. At t = 0 (sigma = 0) D cannot be evaluated; there eps is taken as its limit 0
     * (eps = -sigma score, and the score of a smooth density is finite), so the first step is
     * x_{tau_0} = sqrt(a_{tau_0}) x_0. Uses the eta of neither this sampler nor the run's noise:
     * encoding is always deterministic. S - 1 evaluations of D.
     *
     * @param x0 data, float64, shape (B, ...); not freed
     * @param run supplies the manager and the step scope (its listener sees the steps; its noise is unused)
     */
    public NDArray encode(Denoiser denoiser, NDArray x0, SampleRun run) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("x0", x0);
        Check.notNull("run", run);
        int n = tau.length;
        NDArray x = x0.duplicate();
        x.attach(run.manager());
        for (int i = 0; i < n; i++) {
            final int t = i == 0 ? 0 : tau[i - 1];
            final int next = tau[i];
            x = run.step(x, xt -> {
                double aNext = ddpm.alphaBar(next);
                if (t == 0) {
                    return xt.mul(Math.sqrt(aNext));
                }
                double sqrtA = ddpm.s(t);
                double sigma = ddpm.sigma(t);
                NDArray xHat = xt.div(sqrtA);
                NDArray x0Hat = DenoiserCheck.denoise(name(), denoiser, xHat, sigma);
                NDArray eps = xHat.sub(x0Hat).divi(sigma);
                return x0Hat.muli(Math.sqrt(aNext)).addi(eps.muli(Math.sqrt(1 - aNext)));
            });
            run.afterStep(name() + "/encode", i, ddpm.sigma(next), x);
        }
        return x;
    }

    /** sigma_t(eta) = eta sqrt((1 - a_prev)/(1 - a_t)) sqrt(1 - a_t/a_prev). */
    public double sigmaEta(int t, int prev) {
        double a = ddpm.alphaBar(t);
        double aPrev = ddpm.alphaBar(prev);
        return eta * Math.sqrt((1 - aPrev) / (1 - a)) * Math.sqrt(1 - a / aPrev);
    }

    /** One step x_t -> x_prev with the noise of stream step {@code streamStep} (drawn when sigma_t > 0). */
    NDArray step(Denoiser denoiser, SampleRun run, NDArray xt, int t, int prev, long streamStep) {
        double sqrtA = ddpm.s(t);
        double sigma = ddpm.sigma(t);
        double aPrev = ddpm.alphaBar(prev);
        double sig = sigmaEta(t, prev);
        NDArray xHat = xt.div(sqrtA);
        NDArray x0Hat = DenoiserCheck.denoise(name(), denoiser, xHat, sigma);
        NDArray eps = xHat.sub(x0Hat).divi(sigma);
        // 1 - a_prev - sigma_t^2 = (1 - a_prev)(1 - eta^2 beta-ratio) >= 0 for eta <= 1; clamp rounding
        double dir = Math.sqrt(Math.max(0, 1 - aPrev - sig * sig));
        NDArray next = x0Hat.muli(Math.sqrt(aPrev)).addi(eps.muli(dir));
        if (sig > 0) {
            next.addi(run.normal(xt.getManager(), streamStep).muli(sig));
        }
        return next;
    }
}
