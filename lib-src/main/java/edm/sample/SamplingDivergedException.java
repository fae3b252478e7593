package edm.sample;

/** Thrown when a sampler's state holds a NaN or an infinity: names the step and the noise level. */
public final class SamplingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int step;
    private final double sigma;

    public SamplingDivergedException(String sampler, int step, double sigma) {
        super(sampler + ": NaN or Inf in the state after step " + step + " (sigma = " + sigma + ")");
        this.step = step;
        this.sigma = sigma;
    }

    /** The step after which the non-finite value appeared (0-based; -1 for the initial noise). */
    public int step() {
        return step;
    }

    /** The noise level reached at that step. */
    public double sigma() {
        return sigma;
    }
}
