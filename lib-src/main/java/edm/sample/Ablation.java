package edm.sample;

import edm.Check;
import edm.process.IddpmSigmas;
import edm.process.NoiseSchedule;
import edm.process.NoiseProcess;
import edm.process.Scaling;
import java.util.List;

/**
 * A point of EDM's sampler ablation grid (Karras et al. 2022, Fig. 2 and Table 1; the reference
 * code's {@code ablation_sampler}), by name: discretization {vp, ve, iddpm, edm} x schedule sigma(t)
 * {vp, ve, linear} x scaling s(t) {vp, none} x solver {euler, heun}, 48 samplers (24 for each
 * solver), each deterministic ({@link #ode}) or with churn ({@link #stochastic}).
 *
 * <p><b>The sigma range.</b> Each discretization has EDM's default range [sigma_min, sigma_max]:
 * vp: [sigma_vp(eps_s), sigma_vp(1)] ~ [0.0105, 152] (beta_d = 19.9, beta_min = 0.1); ve:
 * [0.02, 100]; iddpm: [0.002, 81] (the table levels inside it, u_8 ~ 80.2 .. u_999 ~ 0.0064); edm:
 * [0.002, 80]. EDM then clamps it to the model's range ([max(sigma_min, net.sigma_min),
 * min(sigma_max, net.sigma_max)]); here {@link #clampedTo} does that for the refit below, and the
 * samplers clamp the steps themselves ({@link Discretization#clampedTo}).
 *
 * <p><b>The steps.</b> vp: uniform in t from 1 to eps_s for the refitted VP schedule below;
 * ve: geometric in sigma; iddpm: u_{floor(j0 + (j1-j0)/(N-1) i + 1/2)} over the table levels in
 * the range; edm: uniform in sigma^{1/rho}.
 *
 * <p><b>The schedules.</b> linear: sigma(t) = t; ve: sigma(t) = sqrt(t); vp: the VP schedule
 * <em>refitted to the range</em> ({@link NoiseSchedule#vpFit}): beta_d and beta_min are chosen so
 * that sigma(eps_s) = sigma_min and sigma(1) = sigma_max,
 * <pre>
 *   beta_d = 2 (ln(sigma_min^2 + 1)/eps_s - ln(sigma_max^2 + 1)) / (eps_s - 1),
 *   beta_min = ln(sigma_max^2 + 1) - beta_d/2,
 * </pre>
 * so every discretization's levels map to times in [eps_s, 1] (for vp's own range this is
 * beta_d = 19.9, beta_min = 0.1; for edm's, beta_d ~ 17.5, beta_min ~ -0.006).
 *
 * <p><b>The scalings.</b> none: s(t) = 1; vp: s(t) = 1/sqrt(1 + sigma(t)^2) through the chosen
 * schedule ({@link Scaling#vp(NoiseSchedule)}), which equals VP's exp(-B(t)/2) on the VP schedule
 * and stays meaningful on the others (VP's own exp(-B(t)/2) at t = 80 of the linear schedule is 0).
 *
 * @param discretization vp, ve, iddpm or edm
 * @param schedule vp, ve or linear
 * @param scaling vp or none
 * @param solver euler or heun
 * @param sigmaMin the lowest nonzero level, &gt; 0
 * @param sigmaMax the highest level, &gt; sigmaMin
 * @param rho EDM steps' rho &gt; 0 (default 7)
 * @param epsS eps_s in (0, 1) of the VP refit and the vp steps (default 1e-3)
 */
public record Ablation(String discretization, String schedule, String scaling, String solver, double sigmaMin,
        double sigmaMax, double rho, double epsS) {
    /** The names of each axis, in EDM's order. */
    public static final List<String> DISCRETIZATIONS = List.of("vp", "ve", "iddpm", "edm");
    public static final List<String> SCHEDULES = List.of("vp", "ve", "linear");
    public static final List<String> SCALINGS = List.of("vp", "none");
    public static final List<String> SOLVERS = List.of("euler", "heun");

    /** EDM's rho = 7. */
    public static final double RHO = 7;
    /** EDM's eps_s = 1e-3. */
    public static final double EPS_S = 1e-3;

    public Ablation {
        oneOf("discretization", discretization, DISCRETIZATIONS);
        oneOf("schedule", schedule, SCHEDULES);
        oneOf("scaling", scaling, SCALINGS);
        oneOf("solver", solver, SOLVERS);
        Check.positive("sigmaMin", sigmaMin);
        Check.positive("sigmaMax", sigmaMax);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        Check.positive("rho", rho);
        Check.open("epsS", epsS, 0, 1);
    }

    /** The named point with EDM's default range of the discretization, rho = 7, eps_s = 1e-3. */
    public static Ablation of(String discretization, String schedule, String scaling, String solver) {
        oneOf("discretization", discretization, DISCRETIZATIONS);
        NoiseSchedule vp = NoiseSchedule.vp();
        double[] range = switch (discretization) {
            case "vp" -> new double[] {vp.sigma(EPS_S), vp.sigma(1)};
            case "ve" -> new double[] {0.02, 100};
            case "iddpm" -> new double[] {0.002, 81};
            default -> new double[] {0.002, 80};
        };
        return new Ablation(discretization, schedule, scaling, solver, range[0], range[1], RHO, EPS_S);
    }

    /** The original samplers of EDM Table 1: VP (Euler, vp/vp/vp), VE (Euler, ve/ve/none), iDDPM/DDIM (Euler, iddpm/linear/none), and EDM (Heun, edm/linear/none). */
    public static Ablation original(String name) {
        return switch (name) {
            case "vp" -> of("vp", "vp", "vp", "euler");
            case "ve" -> of("ve", "ve", "none", "euler");
            case "iddpm", "ddim" -> of("iddpm", "linear", "none", "euler");
            case "edm" -> of("edm", "linear", "none", "heun");
            default -> throw new IllegalArgumentException(
                    "name must be one of [vp, ve, iddpm, ddim, edm], got " + name);
        };
    }

    /**
     * This point with its range clamped to a model's [lo, hi] before the refit, as EDM does with
     * net.sigma_min and net.sigma_max (an iDDPM model: [u_{M-1}, u_0]).
     */
    public Ablation clampedTo(double lo, double hi) {
        Discretization.checkRange(lo, hi);
        return new Ablation(discretization, schedule, scaling, solver, Math.max(sigmaMin, lo),
                Math.min(sigmaMax, hi), rho, epsS);
    }

    /** The same point with another solver. */
    public Ablation withSolver(String solver) {
        return new Ablation(discretization, schedule, scaling, solver, sigmaMin, sigmaMax, rho, epsS);
    }

    /** The VP schedule refitted to [sigma_min, sigma_max] ({@link NoiseSchedule#vpFit}). */
    public NoiseSchedule vpSchedule() {
        return NoiseSchedule.vpFit(sigmaMin, sigmaMax, epsS);
    }

    /** The step sequence. */
    public Discretization steps() {
        return switch (discretization) {
            case "vp" -> {
                NoiseSchedule vp = vpSchedule();
                yield new WarpedSteps("vp", sigmaMin, sigmaMax, vp::sigmaInv, vp::sigma);
            }
            case "ve" -> Discretization.ve(sigmaMin, sigmaMax);
            case "iddpm" -> new IddpmSteps(new IddpmSigmas(), 0).clampedTo(sigmaMin, sigmaMax);
            default -> Discretization.edm(sigmaMin, sigmaMax, rho);
        };
    }

    /** sigma(t). */
    public NoiseSchedule noiseSchedule() {
        return switch (schedule) {
            case "vp" -> vpSchedule();
            case "ve" -> NoiseSchedule.sqrt();
            default -> NoiseSchedule.linear();
        };
    }

    /** The process (sigma(t), s(t)), named {@code "sigma=<schedule>,s=<scaling>"}. */
    public NoiseProcess process() {
        NoiseSchedule sigma = noiseSchedule();
        Scaling s = "vp".equals(scaling) ? Scaling.vp(sigma) : Scaling.one();
        return new NoiseProcess("sigma=" + schedule + ",s=" + scaling, sigma, s);
    }

    /** Euler or Heun. */
    public OdeMethod method() {
        return "heun".equals(solver) ? OdeMethod.HEUN : OdeMethod.EULER;
    }

    /** The deterministic sampler (EDM Algorithm 1 on this point) with N steps. */
    public OdeSampler ode(int steps) {
        return new OdeSampler(process(), steps(), steps, method());
    }

    /** The stochastic sampler (EDM Algorithm 2 on this point) with N steps and the given churn. */
    public StochasticSampler stochastic(int steps, Churn churn) {
        return new StochasticSampler(process(), steps(), steps, method(), churn);
    }

    /** A label such as {@code "edm/linear/none/heun"}. */
    public String label() {
        return discretization + "/" + schedule + "/" + scaling + "/" + solver;
    }

    private static void oneOf(String name, String value, List<String> valid) {
        if (!valid.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + valid + ", got " + value);
        }
    }
}
