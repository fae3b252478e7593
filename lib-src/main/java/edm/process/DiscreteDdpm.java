package edm.process;

import edm.Check;

/**
 * Discrete-time DDPM (Ho et al. 2020): beta_t linear from beta_1 to beta_T, alpha_t = 1 - beta_t,
 * alpha_bar_t = prod_{i<=t} alpha_i, q(x_t | x_0) = N(sqrt(alpha_bar_t) x_0, (1 - alpha_bar_t) I).
 *
 * <p>Time indices run t = 0..T with alpha_bar_0 = 1 (clean data). In EDM's unified form
 * s_t = sqrt(alpha_bar_t) and sigma_t = sqrt((1 - alpha_bar_t)/alpha_bar_t).
 */
public final class DiscreteDdpm {
    /** Published T = 1000. */
    public static final int T_DEFAULT = 1000;
    /** Published beta_1 = 1e-4. */
    public static final double BETA_START = 1e-4;
    /** Published beta_T = 0.02. */
    public static final double BETA_END = 0.02;

    private final double[] beta;
    private final double[] alphaBar;
    private final double[] sigmas; // sigma_t for t = 0..T, increasing: nearestStep searches it

    /** DDPM's published schedule: T = 1000, beta linear from 1e-4 to 0.02. */
    public DiscreteDdpm() {
        this(T_DEFAULT, BETA_START, BETA_END);
    }

    /**
     * Linear schedule beta_t = beta_1 + (t - 1)/(T - 1) (beta_T - beta_1), t = 1..T.
     *
     * @param steps     T >= 2
     * @param betaStart beta_1 in (0, 1)
     * @param betaEnd   beta_T in (0, 1)
     */
    public DiscreteDdpm(int steps, double betaStart, double betaEnd) {
        Check.atLeast("T", steps, 2);
        Check.open("betaStart", betaStart, 0, 1);
        Check.open("betaEnd", betaEnd, 0, 1);
        double[] b = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            b[t] = betaStart + (betaEnd - betaStart) * (t - 1) / (steps - 1);
        }
        this.beta = b;
        this.alphaBar = cumulative(b);
        this.sigmas = sigmas(alphaBar);
    }

    /**
     * Any schedule given as betas.
     *
     * @param betas beta_1 .. beta_T, each in (0, 1)
     */
    public static DiscreteDdpm ofBetas(double[] betas) {
        Check.notNull("betas", betas);
        Check.atLeast("betas.length", betas.length, 1);
        double[] b = new double[betas.length + 1];
        for (int t = 1; t <= betas.length; t++) {
            b[t] = Check.open("betas[" + (t - 1) + "]", betas[t - 1], 0, 1);
        }
        return new DiscreteDdpm(b);
    }

    private DiscreteDdpm(double[] betaWithZero) {
        this.beta = betaWithZero;
        this.alphaBar = cumulative(betaWithZero);
        this.sigmas = sigmas(alphaBar);
    }

    private static double[] sigmas(double[] ab) {
        double[] s = new double[ab.length];
        for (int t = 0; t < ab.length; t++) {
            s[t] = Math.sqrt((1 - ab[t]) / ab[t]);
        }
        return s;
    }

    private static double[] cumulative(double[] b) {
        double[] ab = new double[b.length];
        ab[0] = 1;
        for (int t = 1; t < b.length; t++) {
            ab[t] = ab[t - 1] * (1 - b[t]);
        }
        return ab;
    }

    /** T, the number of steps. */
    public int T() {
        return beta.length - 1;
    }

    /** beta_t for t = 1..T. */
    public double beta(int t) {
        return beta[index(t, 1)];
    }

    /** alpha_t = 1 - beta_t for t = 1..T. */
    public double alpha(int t) {
        return 1 - beta(t);
    }

    /** alpha_bar_t = prod_{i<=t} alpha_i for t = 0..T (alpha_bar_0 = 1). */
    public double alphaBar(int t) {
        return alphaBar[index(t, 0)];
    }

    /** Unified-form scaling s_t = sqrt(alpha_bar_t). */
    public double s(int t) {
        return Math.sqrt(alphaBar(t));
    }

    /** Unified-form noise level sigma_t = sqrt((1 - alpha_bar_t)/alpha_bar_t). */
    public double sigma(int t) {
        alphaBar(t); // checks t
        return sigmas[t];
    }

    /**
     * The index t in 1..T whose sigma_t is nearest to sigma, the smaller t on a tie (for discrete-t models;
     * binary search, since sigma_t increases with t).
     */
    public int nearestStep(double sigma) {
        Check.nonNegative("sigma", sigma);
        int lo = 1;
        int hi = T();
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (sigmas[mid] <= sigma) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.abs(sigmas[lo] - sigma) <= Math.abs(sigmas[hi] - sigma) ? lo : hi;
    }

    /** Coefficient of x_0 in the posterior mean: sqrt(alpha_bar_{t-1}) beta_t/(1 - alpha_bar_t). */
    public double posteriorMeanX0(int t) {
        return Math.sqrt(alphaBar(t - 1)) * beta(t) / (1 - alphaBar(t));
    }

    /** Coefficient of x_t in the posterior mean: sqrt(alpha_t)(1 - alpha_bar_{t-1})/(1 - alpha_bar_t). */
    public double posteriorMeanXt(int t) {
        return Math.sqrt(alpha(t)) * (1 - alphaBar(t - 1)) / (1 - alphaBar(t));
    }

    /** Posterior variance beta_tilde_t = (1 - alpha_bar_{t-1})/(1 - alpha_bar_t) beta_t. */
    public double posteriorVariance(int t) {
        return (1 - alphaBar(t - 1)) / (1 - alphaBar(t)) * beta(t);
    }

    /**
     * Posterior mean mu_tilde_t(x_t, x_0) = posteriorMeanX0(t) x_0 + posteriorMeanXt(t) x_t, elementwise.
     */
    public double[] posteriorMean(double[] x0, double[] xt, int t) {
        Check.notNull("x0", x0);
        Check.notNull("xt", xt);
        if (x0.length != xt.length) {
            throw new IllegalArgumentException(
                    "xt.length must equal x0.length = " + x0.length + ", got " + xt.length);
        }
        double a = posteriorMeanX0(t);
        double b = posteriorMeanXt(t);
        double[] mu = new double[x0.length];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = a * x0[i] + b * xt[i];
        }
        return mu;
    }

    private int index(int t, int min) {
        Check.atLeast("t", t, min);
        if (t > T()) {
            throw new IllegalArgumentException("t must be <= T = " + T() + ", got " + t);
        }
        return t;
    }
}
