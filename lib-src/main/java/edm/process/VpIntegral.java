package edm.process;

import edm.Check;

/**
 * The linear VP rate beta(t) = beta_min + beta_d t and its integral B(t) = int_0^t beta =
 * beta_min t + beta_d t^2/2, shared by the VP and sub-VP schedules and scalings.
 *
 * <p>beta_min may be negative here (a VP schedule refitted to a sigma range, see
 * {@link NoiseSchedule#vpFit}); the public factories with given constants require it positive.
 */
record VpIntegral(double betaD, double betaMin) {
    /** EDM's beta_d = 19.9 (= Score SDE's beta_max - beta_min = 20 - 0.1). */
    static final double BETA_D = 19.9;
    /** EDM's beta_min = 0.1. */
    static final double BETA_MIN = 0.1;

    VpIntegral {
        Check.positive("betaD", betaD);
        Check.finite("betaMin", betaMin);
    }

    /** beta(t) = beta_min + beta_d t. */
    double beta(double t) {
        return betaMin + betaD * t;
    }

    /** B(t) = beta_min t + beta_d t^2/2. */
    double integral(double t) {
        return betaMin * t + 0.5 * betaD * t * t;
    }

    /** B^-1(b) = (sqrt(beta_min^2 + 2 beta_d b) - beta_min)/beta_d, the positive root. */
    double inverse(double b) {
        return (Math.sqrt(betaMin * betaMin + 2 * betaD * b) - betaMin) / betaD;
    }
}
