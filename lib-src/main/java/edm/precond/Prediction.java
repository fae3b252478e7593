package edm.precond;

import edm.Check;
import edm.process.DiscreteDdpm;
import java.util.function.DoubleUnaryOperator;

/**
 * What a raw model predicts, as the affine map to the denoiser: D = a(sigma) x + b(sigma) pred,
 * where x is EDM's normalized input x_hat = x_t/s = x_0 + sigma eps.
 *
 * <p>Every common prediction target is of this form, and so is the preconditioned output
 * c_skip x + c_out F (a = c_skip, b = c_out), which is why {@link Preconditioning} holds one.
 * The coefficients are public so that tensor code can reuse them.
 *
 * @param name label
 * @param a    sigma -> a(sigma), the weight of the input x
 * @param b    sigma -> b(sigma), the weight of the prediction; nonzero for sigma > 0
 */
public record Prediction(String name, DoubleUnaryOperator a, DoubleUnaryOperator b) {

    /** Validates that no component is null. */
    public Prediction {
        Check.notNull("name", name);
        Check.notNull("a", a);
        Check.notNull("b", b);
    }

    /** eps-prediction: x = x_0 + sigma eps gives D = x - sigma eps (a = 1, b = -sigma). */
    public static final Prediction EPS = new Prediction("eps", s -> 1.0, s -> -s);

    /** x0-prediction: D = x0 (a = 0, b = 1). */
    public static final Prediction X0 = new Prediction("x0", s -> 0.0, s -> 1.0);

    /**
     * Score of p(x; sigma) in the normalized space (EDM eq. 3): score = (D - x)/sigma^2, so
     * D = x + sigma^2 score (a = 1, b = sigma^2). A score with respect to x_t = s x is this one over s.
     */
    public static final Prediction SCORE = new Prediction("score", s -> 1.0, s -> s * s);

    /**
     * v-prediction (Salimans and Ho 2022) of the VP process with alpha = 1/sqrt(1 + sigma^2) and
     * sigma_vp = sigma/sqrt(1 + sigma^2): x_t = alpha x0 + sigma_vp eps, v = alpha eps - sigma_vp x0.
     *
     * <p>Derivation: alpha x_t - sigma_vp v = (alpha^2 + sigma_vp^2) x0 = x0. With x_t = alpha x
     * (x the normalized input), D = alpha^2 x - sigma_vp v = x/(1 + sigma^2) - sigma/sqrt(1 + sigma^2) v.
     * So a = 1/(1 + sigma^2), b = -sigma/sqrt(1 + sigma^2): EDM's c_skip and -c_out for sigma_data = 1,
     * i.e. v = -F of EDM's parameterization with unit data variance.
     */
    public static final Prediction V = new Prediction("v", s -> 1 / (1 + s * s), s -> -s / Math.sqrt(1 + s * s));

    /**
     * Flow velocity of x_t = (1 - t) x0 + t eps, v = eps - x0, with t = sigma/(1 + sigma).
     *
     * <p>Derivation: x0 = x_t - t v and x_t = (1 - t) x with 1 - t = 1/(1 + sigma), so
     * D = x/(1 + sigma) - sigma/(1 + sigma) v (a = 1/(1 + sigma), b = -sigma/(1 + sigma)).
     */
    public static final Prediction FLOW = new Prediction("flow", s -> 1 / (1 + s), s -> -s / (1 + s));

    /**
     * EDM's F-prediction for data standard deviation sigma_data: a = c_skip = sigma_data^2/(sigma^2 +
     * sigma_data^2), b = c_out = sigma sigma_data/sqrt(sigma^2 + sigma_data^2).
     */
    public static Prediction edm(double sigmaData) {
        Check.positive("sigmaData", sigmaData);
        double sd2 = sigmaData * sigmaData;
        return new Prediction("edm-F", s -> sd2 / (s * s + sd2), s -> s * sigmaData / Math.sqrt(s * s + sd2));
    }

    /**
     * DDPM's mu-prediction (Ho et al. 2020, Table 2 "mu~ prediction"): a model of the posterior mean
     * mu~_t = A_t x_0 + B_t x_t of q(x_{t-1} | x_t, x_0), with A_t = sqrt(alpha_bar_{t-1}) beta_t/(1 - alpha_bar_t),
     * B_t = sqrt(alpha_t)(1 - alpha_bar_{t-1})/(1 - alpha_bar_t) and t the step nearest to sigma.
     *
     * <p>Derivation: x_t = s_t x with s_t = sqrt(alpha_bar_t), so x_0 = (mu - B_t s_t x)/A_t:
     * a = -B_t s_t/A_t, b = 1/A_t. At t = 1, A_1 = 1 and B_1 = 0: the mean is x_0 itself.
     */
    public static Prediction ddpmMu(DiscreteDdpm chain) {
        Check.notNull("chain", chain);
        return new Prediction("mu", s -> {
            int t = chain.nearestStep(s);
            return -chain.posteriorMeanXt(t) * chain.s(t) / chain.posteriorMeanX0(t);
        }, s -> 1 / chain.posteriorMeanX0(chain.nearestStep(s)));
    }

    /** a(sigma), the weight of the input in D. */
    public double a(double sigma) {
        return a.applyAsDouble(sigma);
    }

    /** b(sigma), the weight of the prediction in D. */
    public double b(double sigma) {
        return b.applyAsDouble(sigma);
    }

    /** D = a(sigma) x + b(sigma) pred, elementwise. */
    public double[] toDenoised(double[] x, double[] pred, double sigma) {
        sameLength(x, pred, "pred");
        double a0 = a(sigma);
        double b0 = b(sigma);
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a0 * x[i] + b0 * pred[i];
        }
        return d;
    }

    /** pred = (D - a(sigma) x)/b(sigma), elementwise; requires b(sigma) != 0 (sigma > 0 for most). */
    public double[] fromDenoised(double[] x, double[] denoised, double sigma) {
        sameLength(x, denoised, "denoised");
        double a0 = a(sigma);
        double b0 = b(sigma);
        if (b0 == 0 || !Double.isFinite(b0)) {
            throw new IllegalArgumentException("sigma must give a finite nonzero b(sigma) for " + name
                    + ", got sigma = " + sigma + ", b = " + b0);
        }
        double[] p = new double[x.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (denoised[i] - a0 * x[i]) / b0;
        }
        return p;
    }

    static void sameLength(double[] x, double[] other, String otherName) {
        Check.notNull("x", x);
        Check.notNull(otherName, other);
        if (x.length != other.length) {
            throw new IllegalArgumentException(
                    otherName + ".length must equal x.length = " + x.length + ", got " + other.length);
        }
    }

    @Override
    public String toString() {
        return "Prediction[" + name + "]";
    }
}
