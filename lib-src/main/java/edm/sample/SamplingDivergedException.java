package edm.sample;

/** Thrown when a sampler's state holds a NaN or an infinity: names the step and the noise level. */
public final class SamplingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int step;
    private final double sigma;
    private final boolean inDenoiser;

    /**
     * A NaN or Inf in the state after a step.
     *
     * @param sampler the sampler's name
     * @param step    the step (0-based; -1 for the initial noise)
     * @param sigma   the noise level reached at that step
     */
    public SamplingDivergedException(String sampler, int step, double sigma) {
        this(sampler + ": NaN or Inf in the state after step " + step + " (sigma = " + sigma + ")", step, sigma, false);
    }

    private SamplingDivergedException(String message, int step, double sigma, boolean inDenoiser) {
        super(message);
        this.step = step;
        this.sigma = sigma;
        this.inDenoiser = inDenoiser;
    }

    /** The denoiser D returned a NaN or an infinity when called at {@code sigma}. */
    public static SamplingDivergedException inDenoiser(String sampler, double sigma) {
        return new SamplingDivergedException(sampler + ": the denoiser returned NaN or Inf at sigma = " + sigma,
                -1, sigma, true);
    }

    /** Whether D's own output was not finite (then {@link #sigma()} is the sigma of that call). */
    public boolean inDenoiser() {
        return inDenoiser;
    }

    /** The step after which the non-finite value appeared (0-based; -1 for the initial noise or a D call). */
    public int step() {
        return step;
    }

    /** The noise level reached at that step, or the sigma of the D call that returned NaN or Inf. */
    public double sigma() {
        return sigma;
    }
}
