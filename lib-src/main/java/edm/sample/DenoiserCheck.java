package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.denoise.Denoiser;

/**
 * Samplers call D through here so that a NaN or Inf that D returns is named with the sigma of the
 * call, rather than found later in the state (or, in an adaptive solver, as a step-size underflow).
 *
 * <p>Cost: one reduction and one host read per call (the sum of D's output, finite unless an element
 * is NaN or Inf or the sum overflows); the elementwise check runs only when the sum is not finite.
 * {@link SampleRun#afterStep} checks the state the same way.
 */
final class DenoiserCheck {
    private DenoiserCheck() {}

    /** D(x; sigma), checked. */
    static NDArray denoise(String sampler, Denoiser denoiser, NDArray x, double sigma) {
        NDArray out = denoiser.denoise(x, sigma);
        check(sampler, out, sigma);
        return out;
    }

    /**
     * Throws {@link SamplingDivergedException} when {@code out}, the denoiser's output at sigma, holds
     * a NaN or an infinity.
     */
    static void check(String sampler, NDArray out, double sigma) {
        if (holdsNanOrInf(out)) {
            throw SamplingDivergedException.inDenoiser(sampler, sigma);
        }
    }

    /**
     * Whether x holds a NaN or an infinity: one reduction and one host read when it does not (a sum
     * is finite only if every element is), the elementwise test only when the sum is not finite
     * (which a sum of huge finite elements can also be).
     */
    static boolean holdsNanOrInf(NDArray x) {
        try (NDArray s = x.sum()) {
            if (Double.isFinite(s.toArray()[0].doubleValue())) {
                return false;
            }
        }
        try (NDArray nan = x.isNaN(); NDArray inf = x.isInfinite(); NDArray either = nan.logicalOr(inf);
                NDArray any = either.any()) {
            return any.getBoolean();
        }
    }
}
