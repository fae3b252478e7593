package edm.sample;

import edm.process.DiscreteDdpm;

/**
 * The variance sigma_t^2 of DDPM's reverse step p(x_{t-1} | x_t) = N(mu_theta(x_t, t), sigma_t^2 I)
 * (Ho et al. 2020, section 3.2): the two extremes for which the reverse process is optimal.
 * <ul>
 *   <li>{@link #BETA}: sigma_t^2 = beta_t, optimal for x_0 ~ N(0, I);
 *   <li>{@link #BETA_TILDE}: sigma_t^2 = beta_tilde_t = (1 - alpha_bar_{t-1})/(1 - alpha_bar_t) beta_t,
 *       the true posterior variance, optimal for x_0 deterministically one point.
 * </ul>
 * Ho et al. report similar sample quality for both. Following their sampler, no noise is added in
 * the last step t = 1 with either choice (beta_tilde_1 = 0 anyway).
 */
public enum DdpmVariance {
    /** sigma_t^2 = beta_t. */
    BETA {
        @Override
        public double of(DiscreteDdpm ddpm, int t) {
            return t == 1 ? 0 : ddpm.beta(t);
        }
    },
    /** sigma_t^2 = beta_tilde_t = (1 - alpha_bar_{t-1})/(1 - alpha_bar_t) beta_t. */
    BETA_TILDE {
        @Override
        public double of(DiscreteDdpm ddpm, int t) {
            return ddpm.posteriorVariance(t);
        }
    };

    /** sigma_t^2 for the step from x_t to x_{t-1} (0 at t = 1, where the sampler adds no noise). */
    public abstract double of(DiscreteDdpm ddpm, int t);
}
