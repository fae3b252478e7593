package edm.loss;

import edm.Check;
import edm.process.DiscreteDdpm;

/**
 * The weighting that turns DDPM's eps-MSE into the true variational bound (Ho et al. 2020, eq. 12)
 * for a reverse process with fixed variance sigma_t^2 = beta_t:
 * <pre>
 *   L_{t-1} = E || mu_tilde_t(x_t, x_0) - mu_theta(x_t, t) ||^2 / (2 sigma_t^2)
 *           = lambda_t E || eps - eps_theta(x_t, t) ||^2,
 *   lambda_t = beta_t^2 / (2 sigma_t^2 alpha_t (1 - alpha_bar_t))  = beta_t / (2 alpha_t (1 - alpha_bar_t)),
 * </pre>
 * since mu_tilde - mu_theta = posteriorMeanX0(t) (x_0 - x0_hat) and x_0 - x0_hat = sigma(t) (eps_theta - eps)
 * in the unified form sigma(t) = sqrt((1 - alpha_bar_t)/alpha_bar_t). L_simple sets lambda_t = 1
 * instead; relative to the bound it weights step t by 1/lambda_t, which is small at t = 1 and
 * grows with t, i.e. L_simple down-weights the easy small-noise terms.
 *
 * <p>As an EDM {@link Weighting} on the D-space MSE (||D - y||^2 = sigma^2 ||eps_theta - eps||^2),
 * lambda(sigma) = lambda_t / sigma_t^2 at the step t whose sigma(t) is nearest to sigma, so with the
 * eps adapter ({@link edm.precond.Preconditioning#ddpm}, c_out = -sigma) the effective F-space weight is
 * lambda_t. At t = 1 the bound's term is the decoder's -log p(x_0 | x_1); its Gaussian surrogate
 * with variance beta_1 gives lambda_1 = 1/(2 alpha_1). Norms are means over elements as elsewhere
 * in edm.loss, so the bound per image is d times the weighted mean.
 */
public final class DdpmBoundWeighting implements Weighting {
    private final DiscreteDdpm chain;

    /** The weighting for {@code chain} with reverse variance sigma_t^2 = beta_t. */
    public DdpmBoundWeighting(DiscreteDdpm chain) {
        this.chain = Check.notNull("chain", chain);
    }

    /** The chain. */
    public DiscreteDdpm chain() {
        return chain;
    }

    /** lambda_t = beta_t^2 / (2 sigma_t^2 alpha_t (1 - alpha_bar_t)) with sigma_t^2 = beta_t, t = 1..T. */
    public double epsWeight(int t) {
        double b = chain.beta(t);
        return b * b / (2 * b * chain.alpha(t) * (1 - chain.alphaBar(t)));
    }

    /** The step t in 1..T whose sigma(t) is nearest to sigma ({@link DiscreteDdpm#nearestStep}). */
    public int step(double sigma) {
        Check.positive("sigma", sigma);
        return chain.nearestStep(sigma);
    }

    /** lambda(sigma) = lambda_t / sigma_t^2 for the nearest step t. */
    @Override
    public double lambda(double sigma) {
        int t = step(sigma);
        double s = chain.sigma(t);
        return epsWeight(t) / (s * s);
    }
}
