package edm.sample;

import edm.Check;

/**
 * The stochasticity settings of EDM Algorithm 2 (Karras et al. 2022): how much noise is added back
 * before each step ("churn") and over which noise levels.
 *
 * <pre>
 *   gamma_i = min(S_churn / N, sqrt(2) - 1)   if S_tmin &lt;= t_i &lt;= S_tmax, else 0
 *   t_hat   = t_i (1 + gamma_i)
 *   x_hat   = x_i + sqrt(t_hat^2 - t_i^2) S_noise eps,   eps ~ N(0, I)
 * </pre>
 *
 * The cap sqrt(2) - 1 keeps t_hat^2 - t_i^2 &lt;= t_i^2: never more new noise than is already there.
 *
 * @param sChurn S_churn &gt;= 0, total churn spread over the N steps (0: deterministic)
 * @param sTmin S_tmin &gt;= 0, lowest noise level that gets churn
 * @param sTmax S_tmax &gt;= S_tmin, highest noise level that gets churn (may be +infinity)
 * @param sNoise S_noise &gt; 0, inflation of the added noise's standard deviation
 */
public record Churn(double sChurn, double sTmin, double sTmax, double sNoise) {
    /** The paper's defaults: S_churn = 0, S_tmin = 0, S_tmax = infinity, S_noise = 1 (deterministic). */
    public static final Churn NONE = new Churn(0, 0, Double.POSITIVE_INFINITY, 1);

    /** The cap on gamma_i, sqrt(2) - 1. */
    public static final double GAMMA_MAX = Math.sqrt(2) - 1;

    public Churn {
        Check.nonNegative("sChurn", sChurn);
        Check.nonNegative("sTmin", sTmin);
        if (Double.isNaN(sTmax) || sTmax < sTmin) {
            throw new IllegalArgumentException("sTmax must be >= sTmin = " + sTmin + ", got " + sTmax);
        }
        Check.positive("sNoise", sNoise);
    }

    /** EDM's ImageNet-64 setting: S_churn = 40, S_tmin = 0.05, S_tmax = 50, S_noise = 1.003 (256 steps). */
    public static Churn imagenet64() {
        return new Churn(40, 0.05, 50, 1.003);
    }

    /** The given S_churn with the other settings at their defaults. */
    public static Churn of(double sChurn) {
        return new Churn(sChurn, 0, Double.POSITIVE_INFINITY, 1);
    }

    /** gamma_i = min(S_churn/N, sqrt(2) - 1) if S_tmin &lt;= t_i &lt;= S_tmax, else 0. */
    public double gamma(double ti, int n) {
        Check.atLeast("n", n, 1);
        if (sChurn == 0 || ti < sTmin || ti > sTmax) {
            return 0;
        }
        return Math.min(sChurn / n, GAMMA_MAX);
    }
}
