package edm.precond;

import edm.Check;
import edm.process.DiscreteDdpm;
import edm.process.IddpmSigmas;
import edm.process.NoiseSchedule;
import java.util.function.DoubleUnaryOperator;

/**
 * EDM's preconditioned denoiser D(x; sigma) = c_skip(sigma) x + c_out(sigma) F(c_in(sigma) x; c_noise(sigma)).
 *
 * <p>The output part is a {@link Prediction} (c_skip = a, c_out = b); the same record wraps a raw
 * eps, v, flow or discrete-t model into a denoiser, with c_in mapping the normalized input x to what
 * the model was trained on and c_noise to its conditioning.
 *
 * @param name   label
 * @param output c_skip and c_out
 * @param cIn    sigma -> c_in(sigma)
 * @param cNoise sigma -> c_noise(sigma)
 */
public record Preconditioning(String name, Prediction output, DoubleUnaryOperator cIn, DoubleUnaryOperator cNoise) {
    /** EDM's sigma_data = 0.5. */
    public static final double SIGMA_DATA = 0.5;

    /** Validates that no component is null. */
    public Preconditioning {
        Check.notNull("name", name);
        Check.notNull("output", output);
        Check.notNull("cIn", cIn);
        Check.notNull("cNoise", cNoise);
    }

    /** VP with beta_d = 19.9, beta_min = 0.1, M = 1000. */
    public static Preconditioning vp() {
        return vp(NoiseSchedule.vp(), 1000);
    }

    /**
     * VP: c_skip = 1, c_out = -sigma (eps-prediction), c_in = 1/sqrt(sigma^2 + 1),
     * c_noise = (M - 1) sigma^-1(sigma).
     */
    public static Preconditioning vp(NoiseSchedule vpSchedule, int m) {
        Check.notNull("vpSchedule", vpSchedule);
        Check.atLeast("M", m, 1);
        return new Preconditioning("vp", Prediction.EPS, Preconditioning::unitVariance,
                s -> (m - 1) * vpSchedule.sigmaInv(s));
    }

    /** VE: c_skip = 1, c_out = sigma, c_in = 1, c_noise = ln(sigma/2). */
    public static Preconditioning ve() {
        return new Preconditioning("ve", new Prediction("-eps", s -> 1.0, s -> s), s -> 1.0,
                s -> Math.log(0.5 * s));
    }

    /** iDDPM with M = 1000, C1 = 0.001, C2 = 0.008. */
    public static Preconditioning iddpm() {
        return iddpm(new IddpmSigmas());
    }

    /**
     * iDDPM: c_skip = 1, c_out = -sigma, c_in = 1/sqrt(sigma^2 + 1),
     * c_noise = M - 1 - argmin_j |u_j - sigma|.
     */
    public static Preconditioning iddpm(IddpmSigmas u) {
        Check.notNull("u", u);
        return new Preconditioning("iddpm", Prediction.EPS, Preconditioning::unitVariance,
                s -> u.M() - 1 - u.index(s));
    }

    /** EDM with sigma_data = 0.5. */
    public static Preconditioning edm() {
        return edm(SIGMA_DATA);
    }

    /**
     * EDM: c_skip = sigma_data^2/(sigma^2 + sigma_data^2), c_out = sigma sigma_data/sqrt(sigma^2 + sigma_data^2),
     * c_in = 1/sqrt(sigma^2 + sigma_data^2), c_noise = ln(sigma)/4.
     */
    public static Preconditioning edm(double sigmaData) {
        Prediction out = Prediction.edm(sigmaData);
        double sd2 = sigmaData * sigmaData;
        return new Preconditioning("edm", out, s -> 1 / Math.sqrt(s * s + sd2), s -> 0.25 * Math.log(s));
    }

    /**
     * Adapter for a discrete-time DDPM eps-model eps_theta(x_t, t): c_skip = 1, c_out = -sigma,
     * c_in = s_t = 1/sqrt(1 + sigma^2) (so the model sees x_t = sqrt(alpha_bar) x), and c_noise the
     * 0-based index t - 1 of the nearest level sigma_t, as in Ho et al.'s implementation.
     */
    public static Preconditioning ddpm(DiscreteDdpm chain) {
        Check.notNull("chain", chain);
        return new Preconditioning("ddpm", Prediction.EPS, Preconditioning::unitVariance,
                s -> chain.nearestStep(s) - 1);
    }

    /**
     * Adapter for a discrete-time DDPM mu-model mu_theta(x_t, t) ({@link Prediction#ddpmMu}): the same
     * c_in and c_noise as {@link #ddpm}, output D = (mu_theta - B_t x_t)/A_t.
     */
    public static Preconditioning ddpmMu(DiscreteDdpm chain) {
        Check.notNull("chain", chain);
        return new Preconditioning("ddpm-mu", Prediction.ddpmMu(chain), Preconditioning::unitVariance,
                s -> chain.nearestStep(s) - 1);
    }

    /**
     * Adapter for a flow-matching velocity model v_theta(x_t, t) with x_t = (1 - t) x0 + t eps:
     * c_in = 1 - t = 1/(1 + sigma), c_noise = t = sigma/(1 + sigma), output {@link Prediction#FLOW}.
     */
    public static Preconditioning flow() {
        return new Preconditioning("flow", Prediction.FLOW, s -> 1 / (1 + s), s -> s / (1 + s));
    }

    /** Adapter for any raw model: its prediction type, input scale c_in and conditioning c_noise. */
    public static Preconditioning of(String name, Prediction output, DoubleUnaryOperator cIn,
            DoubleUnaryOperator cNoise) {
        return new Preconditioning(name, output, cIn, cNoise);
    }

    /**
     * c_skip(sigma) = output.a(sigma).
     *
     * @throws IllegalArgumentException unless sigma is finite and &gt;= 0
     */
    public double cSkip(double sigma) {
        return output.a(level(sigma));
    }

    /**
     * c_out(sigma) = output.b(sigma).
     *
     * @throws IllegalArgumentException unless sigma is finite and &gt;= 0
     */
    public double cOut(double sigma) {
        return output.b(level(sigma));
    }

    /**
     * c_in(sigma).
     *
     * @throws IllegalArgumentException unless sigma is finite and &gt;= 0
     */
    public double cIn(double sigma) {
        return cIn.applyAsDouble(level(sigma));
    }

    /**
     * c_noise(sigma), the network's conditioning: defined for sigma &gt; 0, where D is evaluated
     * (EDM's ln(sigma)/4 and VE's ln(sigma/2) are -infinity at 0).
     *
     * @throws IllegalArgumentException unless sigma is finite and &gt; 0
     */
    public double cNoise(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException(name + ": c_noise needs sigma in (0, inf), got " + sigma);
        }
        return cNoise.applyAsDouble(sigma);
    }

    private double level(double sigma) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException(name + ": sigma must be in [0, inf), got " + sigma);
        }
        return sigma;
    }

    /**
     * D(x; sigma) = c_skip x + c_out F(c_in x; c_noise).
     *
     * @throws IllegalArgumentException unless sigma is finite and &gt; 0
     */
    public double[] denoise(double[] x, double sigma, RawModel f) {
        Check.notNull("x", x);
        Check.notNull("f", f);
        double c = cIn(sigma);
        double[] input = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            input[i] = c * x[i];
        }
        return output.toDenoised(x, f.apply(input, cNoise(sigma)), sigma);
    }

    /** 1/sqrt(sigma^2 + 1): VP's c_in, equal to VP's s(t). */
    private static double unitVariance(double s) {
        return 1 / Math.sqrt(s * s + 1);
    }
}
