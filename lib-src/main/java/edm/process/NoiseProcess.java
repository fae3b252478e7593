package edm.process;

import edm.Check;

/**
 * The forward diffusion process of EDM section 2: a noise schedule sigma(t) and a scaling s(t).
 *
 * <p>Perturbation kernel p(x_t | x_0) = N(s(t) x_0, s(t)^2 sigma(t)^2 I). The equivalent SDE
 * dx = f(t) x dt + g(t) dw has f = s'/s and g = s sqrt(2 sigma' sigma); conversely
 * s(t) = exp(int_0^t f) and sigma(t)^2 = int_0^t g^2/s^2.
 *
 * @param name     short label (e.g. "vp", "edm")
 * @param schedule sigma(t), sigma'(t), sigma^-1
 * @param scaling  s(t), s'(t)
 */
public record NoiseProcess(String name, NoiseSchedule schedule, Scaling scaling) {

    /** Validates that no component is null. */
    public NoiseProcess {
        Check.notNull("name", name);
        Check.notNull("schedule", schedule);
        Check.notNull("scaling", scaling);
    }

    /** EDM's VP column with beta_d = 19.9, beta_min = 0.1. */
    public static NoiseProcess vp() {
        return vp(VpIntegral.BETA_D, VpIntegral.BETA_MIN);
    }

    /**
     * VP: sigma(t) = sqrt(exp(beta_d t^2/2 + beta_min t) - 1), s(t) = 1/sqrt(sigma^2 + 1).
     * The SDE is dx = -beta(t)/2 x dt + sqrt(beta(t)) dw with beta(t) = beta_min + beta_d t.
     */
    public static NoiseProcess vp(double betaD, double betaMin) {
        return new NoiseProcess("vp", NoiseSchedule.vp(betaD, betaMin), Scaling.vp(betaD, betaMin));
    }

    /** EDM's VE column: sigma(t) = sqrt(t), s(t) = 1 (time is the variance). */
    public static NoiseProcess ve() {
        return new NoiseProcess("ve", NoiseSchedule.sqrt(), Scaling.one());
    }

    /** Score SDE's VE: sigma(t) = sigma_min (sigma_max/sigma_min)^t, s = 1; defaults 0.01 to 50. */
    public static NoiseProcess veGeometric() {
        return new NoiseProcess("ve-geometric", NoiseSchedule.geometric(), Scaling.one());
    }

    /** Score SDE's VE: sigma(t) = sigma_min (sigma_max/sigma_min)^t, s = 1. */
    public static NoiseProcess veGeometric(double sigmaMin, double sigmaMax) {
        return new NoiseProcess("ve-geometric", NoiseSchedule.geometric(sigmaMin, sigmaMax), Scaling.one());
    }

    /** Sub-VP with beta_d = 19.9, beta_min = 0.1 (Score SDE's beta_min = 0.1, beta_max = 20). */
    public static NoiseProcess subVp() {
        return subVp(VpIntegral.BETA_D, VpIntegral.BETA_MIN);
    }

    /**
     * Sub-VP (Song et al. 2021): f(t) = -beta(t)/2, g(t)^2 = beta(t)(1 - exp(-2 B(t))), with
     * B(t) = int_0^t beta = beta_min t + beta_d t^2/2.
     *
     * <p>Derivation: s(t) = exp(int_0^t f) = exp(-B/2), the same scaling as VP. Then
     * sigma(t)^2 = int_0^t g^2/s^2 = int_0^t beta (1 - e^{-2B}) e^{B} dt = int_0^{B} (e^{b} - e^{-b}) db
     * (using dB = beta dt) = e^{B} + e^{-B} - 2 = (e^{B/2} - e^{-B/2})^2, so sigma(t) = 2 sinh(B(t)/2).
     * Compare VP: sigma^2 = e^{B} - 1, which sub-VP's stays below (hence the name).
     */
    public static NoiseProcess subVp(double betaD, double betaMin) {
        return new NoiseProcess("sub-vp", NoiseSchedule.subVp(betaD, betaMin), Scaling.vp(betaD, betaMin));
    }

    /** iDDPM's column: sigma(t) = t, s = 1 (its discrete levels are {@link IddpmSigmas}). */
    public static NoiseProcess iddpm() {
        return new NoiseProcess("iddpm", NoiseSchedule.linear(), Scaling.one());
    }

    /** EDM: sigma(t) = t, s = 1, so the PF-ODE is dx/dsigma = (x - D(x; sigma))/sigma. */
    public static NoiseProcess edm() {
        return new NoiseProcess("edm", NoiseSchedule.linear(), Scaling.one());
    }

    /** Flow matching / rectified flow, x_t = (1 - t) x_0 + t eps: s = 1 - t, sigma = t/(1 - t). */
    public static NoiseProcess flow() {
        return new NoiseProcess("flow", NoiseSchedule.flow(), Scaling.flow());
    }

    /**
     * sigma(t).
     *
     * @throws IllegalArgumentException for t outside the schedule's domain (finite t &gt;= 0; flow: [0, 1))
     */
    public double sigma(double t) {
        return schedule.sigma(t);
    }

    /**
     * s(t).
     *
     * @throws IllegalArgumentException for t outside the schedule's domain
     */
    public double s(double t) {
        return scaling.s(schedule.checkTime(t));
    }

    /** Mean coefficient of the kernel: E[x_t | x_0] = s(t) x_0. */
    public double mean(double t) {
        return s(t);
    }

    /** Standard deviation of the kernel: s(t) sigma(t). */
    public double std(double t) {
        return s(t) * schedule.sigma(t);
    }

    /** Signal-to-noise ratio SNR(t) = s^2/(s sigma)^2 = 1/sigma(t)^2. */
    public double snr(double t) {
        double sigma = schedule.sigma(t);
        return 1 / (sigma * sigma);
    }

    /** SDE drift coefficient f(t) = s'(t)/s(t). */
    public double drift(double t) {
        return scaling.sDeriv(schedule.checkTime(t)) / scaling.s(t);
    }

    /** SDE diffusion coefficient g(t) = s(t) sqrt(2 sigma'(t) sigma(t)). */
    public double diffusion(double t) {
        return scaling.s(t) * Math.sqrt(2 * schedule.sigmaDeriv(t) * schedule.sigma(t));
    }

    /**
     * Samples the kernel: x_t = s(t) x_0 + s(t) sigma(t) eps, elementwise.
     *
     * @param x0  clean data
     * @param eps standard normal noise of the same length
     */
    public double[] sample(double[] x0, double[] eps, double t) {
        sameLength(x0, eps);
        double s = s(t);
        double std = s * schedule.sigma(t);
        double[] x = new double[x0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = s * x0[i] + std * eps[i];
        }
        return x;
    }

    /**
     * Coefficients of the one-step recursion from time u to a later time t with the same marginals:
     * x_t = (s_t/s_u) x_u + s_t sqrt(sigma_t^2 - sigma_u^2) eps.
     *
     * @throws IllegalArgumentException if sigma(t) < sigma(u)
     */
    public Transition transition(double u, double t) {
        double su = schedule.sigma(u);
        double st = schedule.sigma(t);
        if (!(st >= su)) {
            throw new IllegalArgumentException(
                    "t must have sigma(t) >= sigma(u), got sigma(u) = " + su + ", sigma(t) = " + st);
        }
        return new Transition(s(t) / s(u), scaling.s(t) * Math.sqrt(st * st - su * su));
    }

    /** One recursion step x_t = (s_t/s_u) x_u + s_t sqrt(sigma_t^2 - sigma_u^2) eps, elementwise. */
    public double[] step(double[] xu, double[] eps, double u, double t) {
        sameLength(xu, eps);
        Transition c = transition(u, t);
        double[] x = new double[xu.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = c.decay() * xu[i] + c.noise() * eps[i];
        }
        return x;
    }

    private static void sameLength(double[] a, double[] eps) {
        Check.notNull("x", a);
        Check.notNull("eps", eps);
        if (a.length != eps.length) {
            throw new IllegalArgumentException(
                    "eps.length must equal x.length = " + a.length + ", got " + eps.length);
        }
    }

    /**
     * Coefficients of x_t = decay x_u + noise eps.
     *
     * @param decay s_t/s_u
     * @param noise s_t sqrt(sigma_t^2 - sigma_u^2)
     */
    public record Transition(double decay, double noise) {}
}
