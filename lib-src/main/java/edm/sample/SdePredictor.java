package edm.sample;

import edm.Check;
import edm.process.NoiseProcess;

/**
 * A predictor for the reverse SDE dx = [f(t) x - g(t)^2 grad log p_t(x)] dt + g(t) dw_bar (Song et
 * al. 2021): one step from t to an earlier t' < t has the form
 * <pre>
 *   x' = a x + b score_t(x) + c z,   z ~ N(0, I),
 * </pre>
 * and the predictors differ only in the coefficients (a, b, c):
 * <ul>
 *   <li>{@link #EULER_MARUYAMA}, with h = t - t': a = 1 - f(t) h, b = g(t)^2 h, c = g(t) sqrt(h);
 *   <li>{@link #REVERSE_DIFFUSION}: reverse the forward chain x_t = d x_{t'} + G z of the process
 *       ({@link NoiseProcess#transition}: d = s_t/s_{t'}, G = s_t sqrt(sigma_t^2 - sigma_{t'}^2)), written as
 *       x_t = x_{t'} + f_disc(x_{t'}) + G z with f_disc(x) = (d - 1) x; Song et al.'s reverse-diffusion
 *       predictor x' = x - f_disc(x) + G^2 score + G z gives a = 2 - d, b = G^2, c = G. For VP this is
 *       DDPM's discretization (d = sqrt(1 - beta_i), G^2 = beta_i), for VE NCSN's (d = 1,
 *       G^2 = sigma_t^2 - sigma_{t'}^2).
 * </ul>
 */
public enum SdePredictor {
    /** Euler-Maruyama on the reverse SDE. */
    EULER_MARUYAMA {
        @Override
        public Coefficients coefficients(NoiseProcess process, double t, double tNext) {
            double h = t - tNext;
            double g = process.diffusion(t);
            return new Coefficients(1 - process.drift(t) * h, g * g * h, g * Math.sqrt(h));
        }
    },
    /** Song et al.'s reverse-diffusion predictor on the process's own one-step chain. */
    REVERSE_DIFFUSION {
        @Override
        public Coefficients coefficients(NoiseProcess process, double t, double tNext) {
            NoiseProcess.Transition tr = process.transition(tNext, t);
            return new Coefficients(2 - tr.decay(), tr.noise() * tr.noise(), tr.noise());
        }
    };

    /**
     * The coefficients of the step from t to tNext.
     *
     * @param t the current time
     * @param tNext the earlier time, tNext < t
     */
    public abstract Coefficients coefficients(NoiseProcess process, double t, double tNext);

    /**
     * x' = a x + b score + c z.
     *
     * @param a coefficient of the state
     * @param b coefficient of the score
     * @param c coefficient of the fresh noise
     */
    public record Coefficients(double a, double b, double c) {
        public Coefficients {
            Check.finite("a", a);
            Check.finite("b", b);
            Check.finite("c", c);
        }
    }
}
