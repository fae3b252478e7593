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
     * The lowest noise level the model supports, EDM's {@code net.sigma_min}: samplers clamp their
     * step sequence's range to [{@link #sigmaMin()}, {@link #sigmaMax()}] before rounding, as EDM's
     * samplers do (see {@code edm.sample.Discretization#clampedTo}). 0 by default (any level); for an
     * iDDPM model u_{M-1}, its lowest nonzero level.
     */
    default double sigmaMin() {
        return 0;
    }

    /** The highest noise level the model supports, EDM's {@code net.sigma_max}; +infinity by default. */
    default double sigmaMax() {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * This denoiser with another sigma-rounding hook: {@link #round(double)} applies
     * {@code roundSigma}; {@link #denoise} still evaluates at the sigma it is given (the caller rounds).
     * The sigma range stays this denoiser's.
     */
    default Denoiser withRounding(DoubleUnaryOperator roundSigma) {
        return new RoundedDenoiser(this, roundSigma, sigmaMin(), sigmaMax());
    }

    /**
     * This denoiser with a rounding hook and a sigma range, as a model trained on discrete levels
     * has: for iDDPM's table {@code u}, {@code withRounding(u::round, u.sigmaMin(), u.sigmaMax())}
     * rounds to the nearest u_j and makes samplers clamp their steps to [u_{M-1}, u_0], so EDM's
     * steps down to sigma_min = 0.002 start their last level at u_{M-1} ~ 0.0064 instead of
     * rounding it to u_M = 0.
     *
     * @param sigmaMin the lowest supported level, &gt;= 0
     * @param sigmaMax the highest supported level, &gt; sigmaMin (may be +infinity)
     */
    default Denoiser withRounding(DoubleUnaryOperator roundSigma, double sigmaMin, double sigmaMax) {
        return new RoundedDenoiser(this, roundSigma, sigmaMin, sigmaMax);
    }

    /** This denoiser wrapped in a call counter (see {@link CountingDenoiser}). */
    default CountingDenoiser counted() {
        return new CountingDenoiser(this);
    }
}
