package edm.denoise;

import ai.djl.ndarray.NDArray;
import edm.Check;
import java.util.function.DoubleUnaryOperator;

/** A denoiser with a replaced sigma-rounding hook; see {@link Denoiser#withRounding}. */
final class RoundedDenoiser implements Denoiser {
    private final Denoiser inner;
    private final DoubleUnaryOperator roundSigma;

    RoundedDenoiser(Denoiser inner, DoubleUnaryOperator roundSigma) {
        this.inner = Check.notNull("inner", inner);
        this.roundSigma = Check.notNull("roundSigma", roundSigma);
    }

    @Override
    public NDArray denoise(NDArray x, double sigma) {
        return inner.denoise(x, sigma);
    }

    @Override
    public NDArray score(NDArray x, double sigma) {
        return inner.score(x, sigma);
    }

    @Override
    public double round(double sigma) {
        return roundSigma.applyAsDouble(sigma);
    }
}
