package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.DiscreteDdpm;

/**
 * DDPM ancestral sampling (Ho et al. 2020, Algorithm 2) on a {@link DiscreteDdpm} chain: from
 * x_T ~ N(0, I), for t = T, ..., 1,
 * <pre>
 *   x_{t-1} = mu_theta(x_t, t) + sigma_t z,   z ~ N(0, I),   sigma_t^2 from {@link DdpmVariance}.
 * </pre>
 * The model is the denoiser, evaluated in EDM's normalized space at the chain's own levels:
 * x_hat = x_t / s_t with s_t = sqrt(alpha_bar_t) and sigma(t) = sqrt((1 - alpha_bar_t)/alpha_bar_t).
 * The mean has two equal forms ({@link Form}):
 * <pre>
 *   EPS:            mu = (x_t - beta_t/sqrt(1 - alpha_bar_t) eps_theta)/sqrt(alpha_t),
 *                   eps_theta = (x_hat - D(x_hat; sigma(t)))/sigma(t)
 *   POSTERIOR_MEAN: mu = mu_tilde_t(x_t, x0_hat = D(x_hat; sigma(t)))
 *                      = sqrt(alpha_bar_{t-1}) beta_t/(1 - alpha_bar_t) x0_hat
 *                        + sqrt(alpha_t)(1 - alpha_bar_{t-1})/(1 - alpha_bar_t) x_t
 * </pre>
 * (the noise in x_t space equals the noise in x_hat space, since x_t = s_t x_0 + s_t sigma(t) eps).
 * The step from x_t uses the run's stream step T - t, so a run of the full chain draws the same
 * noise as {@link DdimSampler} with eta = 1 on the full chain. T evaluations of D.
 *
 * @param ddpm the chain (beta_1 .. beta_T)
 * @param variance sigma_t^2 = beta_t or beta_tilde_t
 * @param form how the mean is computed from D
 */
public record DdpmSampler(DiscreteDdpm ddpm, DdpmVariance variance, Form form) implements Sampler {

    /** The two algebraically equal forms of the reverse mean. */
    public enum Form {
        /** Ho et al.'s eps form: mu = (x_t - beta_t/sqrt(1 - alpha_bar_t) eps_theta)/sqrt(alpha_t). */
        EPS,
        /** The posterior mean of q(x_{t-1} | x_t, x_0) with x_0 replaced by D. */
        POSTERIOR_MEAN
    }

    public DdpmSampler {
        Check.notNull("ddpm", ddpm);
        Check.notNull("variance", variance);
        Check.notNull("form", form);
    }

    /** DDPM's published setting: T = 1000, beta linear 1e-4..0.02, sigma_t^2 = beta_t, eps form. */
    public static DdpmSampler published() {
        return new DdpmSampler(new DiscreteDdpm(), DdpmVariance.BETA, Form.EPS);
    }

    @Override
    public String name() {
        return "DDPM/" + variance + "/" + form + "/T=" + ddpm.T();
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("run", run);
        int bigT = ddpm.T();
        NDArray x = run.initial(1.0);
        run.afterStep(name(), -1, ddpm.sigma(bigT), x);
        for (int t = bigT; t >= 1; t--) {
            final int tt = t;
            final int step = bigT - t;
            x = run.step(x, xt -> step(denoiser, run, xt, tt, step));
            run.afterStep(name(), step, ddpm.sigma(t - 1), x);
        }
        return x;
    }

    /** One ancestral step x_t -> x_{t-1}, with the noise of stream step {@code streamStep}. */
    NDArray step(Denoiser denoiser, SampleRun run, NDArray xt, int t, long streamStep) {
        double sqrtAbar = ddpm.s(t);
        double sigma = ddpm.sigma(t);
        NDArray x0 = DenoiserCheck.denoise(name(), denoiser, xt.div(sqrtAbar), sigma);
        NDArray mean;
        if (form == Form.EPS) {
            NDArray eps = xt.div(sqrtAbar).subi(x0).divi(sigma);
            double c = ddpm.beta(t) / Math.sqrt(1 - ddpm.alphaBar(t));
            mean = xt.sub(eps.muli(c)).divi(Math.sqrt(ddpm.alpha(t)));
        } else {
            mean = x0.mul(ddpm.posteriorMeanX0(t)).addi(xt.mul(ddpm.posteriorMeanXt(t)));
        }
        double var = variance.of(ddpm, t);
        if (var > 0) {
            mean.addi(run.normal(xt.getManager(), streamStep).muli(Math.sqrt(var)));
        }
        return mean;
    }
}
