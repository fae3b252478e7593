package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.denoise.Denoiser;

/**
 * The score of the marginal p_t in the unscaled space x_t = s(t) x_hat, from the denoiser:
 * <pre>
 *   grad_{x_t} log p_t(x_t) = (1/s) grad_{x_hat} log p(x_hat; sigma) = (D(x_t/s; sigma) - x_t/s) / (s sigma^2)
 * </pre>
 * (the density of x_t is that of x_hat = x_t/s up to the constant Jacobian s^-d). SDE and Langevin
 * samplers work in x_t; this is their only route to the model.
 */
public final class ScaledScore {
    private ScaledScore() {}

    /**
     * (D(x/s; sigma) - x/s) / (s sigma^2), via {@link Denoiser#score} (Tweedie's formula on D).
     *
     * @param x the state x_t, shape (B, ...); not modified
     * @param s the scaling s(t) > 0
     * @param sigma the noise level sigma(t) > 0
     */
    public static NDArray of(Denoiser denoiser, NDArray x, double s, double sigma) {
        if (s == 1) {
            return denoiser.score(x, sigma);
        }
        NDArray xHat = x.div(s);
        NDArray score = denoiser.score(xHat, sigma).divi(s);
        xHat.close();
        return score;
    }
}
