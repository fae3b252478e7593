package edm.denoise;

import ai.djl.ndarray.NDArray;
import java.util.function.DoubleUnaryOperator;

/**
 * A denoiser D(x; sigma): the estimate of the clean data x_0 from the noisy input
 * x = x_0 + sigma * n, n ~ N(0, I), in the normalized space of EDM (s(t) = 1).
 *
 * <p>The input is a batch: the first axis indexes samples and any trailing shape follows. Samplers
 * keep their state in float64 and see nothing but this interface; implementations return an array
 * of the same shape and data type as {@code x}, attached to {@code x}'s manager, and leave
 * {@code x} unchanged.
 *
 * <p>It is a functional interface, so a lambda is a denoiser:
 * {@code Denoiser d = (x, sigma) -> x.mul(1 / (1 + sigma * sigma));} (data N(0, I)).
 */
@FunctionalInterface
public interface Denoiser {

    /**
     * D(x; sigma) for every sample of the batch.
     *
     * @param x noisy inputs, shape (B, ...), x = x_0 + sigma n
     * @param sigma noise level, &gt; 0
     * @return the denoised batch, same shape and data type as x
     */
    NDArray denoise(NDArray x, double sigma);

    /**
     * The noise level the denoiser will actually be evaluated at when asked for {@code sigma}.
     * Identity by default; models trained on a discrete set of levels (iDDPM, DDPM) round to the
     * nearest level (see {@link NearestLevel}). Samplers call this when building their steps, so the
     * step sizes use the levels the model really sees.
     */
    default double round(double sigma) {
        return sigma;
    }

    /**
     * The score of the noised data implied by the denoiser (EDM eq. 3, Tweedie's formula):
     * grad_x log p(x; sigma) = (D(x; sigma) - x) / sigma^2.
     */
    default NDArray score(NDArray x, double sigma) {
        NDArray d = denoise(x, sigma);
        NDArray s = d.sub(x).divi(sigma * sigma);
        if (d != x) { // a lambda may return its input; never close the caller's array
            d.close();
        }
        return s;
    }

    /**
     * This denoiser with another sigma-rounding hook: {@link #round(double)} applies
     * {@code roundSigma}; {@link #denoise} still evaluates at the sigma it is given (the caller rounds).
     */
    default Denoiser withRounding(DoubleUnaryOperator roundSigma) {
        return new RoundedDenoiser(this, roundSigma);
    }

    /** This denoiser wrapped in a call counter (see {@link CountingDenoiser}). */
    default CountingDenoiser counted() {
        return new CountingDenoiser(this);
    }
}
