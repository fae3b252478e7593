package edm.denoise;

import ai.djl.ndarray.NDArray;
import edm.Check;
import java.util.function.DoubleUnaryOperator;

/** A denoiser with a replaced sigma-rounding hook and sigma range; see {@link Denoiser#withRounding}. */
final class RoundedDenoiser implements Denoiser {
    private final Denoiser inner;
    private final DoubleUnaryOperator roundSigma;
    private final double sigmaMin;
    private final double sigmaMax;

    RoundedDenoiser(Denoiser inner, DoubleUnaryOperator roundSigma, double sigmaMin, double sigmaMax) {
        this.inner = Check.notNull("inner", inner);
        this.roundSigma = Check.notNull("roundSigma", roundSigma);
        this.sigmaMin = Check.nonNegative("sigmaMin", sigmaMin);
        if (Double.isNaN(sigmaMax) || !(sigmaMax > sigmaMin)) {
            throw new IllegalArgumentException("sigmaMax must be > sigmaMin = " + sigmaMin + ", got " + sigmaMax);
        }
        this.sigmaMax = sigmaMax;
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

    @Override
    public double sigmaMin() {
        return sigmaMin;
    }

    @Override
    public double sigmaMax() {
        return sigmaMax;
    }
}
