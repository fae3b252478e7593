package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.NoiseProcess;

/**
 * EDM's stochastic sampler (Algorithm 2 of Karras et al. 2022) for any schedule sigma(t) and
 * scaling s(t), as in EDM's ablation sampler: before each ODE step, noise is added to raise the level
 * from sigma_i = sigma(t_i) to sigma_hat = sigma_i (1 + gamma_i) ({@link Churn}, gamma_i from
 * sigma_i), then one solver step of the probability-flow ODE of {@link OdeSampler} goes from t_hat to
 * t_{i+1}:
 *
 * <pre>
 *   t_hat   = sigma^-1(round(sigma_i (1 + gamma_i)))
 *   x_hat   = (s(t_hat)/s(t_i)) x_i + sqrt(sigma(t_hat)^2 - sigma_i^2) s(t_hat) S_noise eps_i
 *   x_{i+1} = x_hat + (t_{i+1} - t_hat) d(x_hat, t_hat)                 (Euler; always for t_{i+1} = 0)
 *   x_{i+1} = x_hat + (t_{i+1} - t_hat)(d + d')/2,  d' at (x_{i+1}, t_{i+1})     (Heun)
 * </pre>
 *
 * With sigma(t) = t and s(t) = 1 ({@link NoiseProcess#edm()}, the default) this is the paper's
 * Algorithm 2: x_hat = x_i + sqrt(t_hat^2 - t_i^2) S_noise eps_i and d = (x - D(x; t))/t.
 * The solver step is any {@link OdeMethod} (Euler, Heun, midpoint, Ralston, alpha family), computed
 * by the same code as {@link OdeSampler}, so with S_churn = 0 this sampler equals the deterministic
 * one bit for bit. The noise eps_i of sample k is stream step i of the run's per-sample
 * {@link edm.rand.NoiseSource}, so results do not depend on the batch; the initial state is
 * z sigma(t_0) s(t_0) with z the run's latents if given. The steps are clamped to the model's
 * range and rounded as in {@link OdeSampler#times}; t_hat's level goes through
 * {@link Denoiser#round(double)} as in EDM's reference code. NFE with Heun: 2N - 1.
 *
 * @param process the schedule sigma(t) and scaling s(t)
 * @param discretization the noise levels sigma_0 &gt; ... &gt; sigma_N = 0
 * @param steps N
 * @param method the solver of each step (EDM: Heun)
 * @param churn S_churn, S_tmin, S_tmax, S_noise (S_tmin, S_tmax compare with sigma_i)
 */
public record StochasticSampler(NoiseProcess process, Discretization discretization, int steps, OdeMethod method,
        Churn churn) implements Sampler {

    public StochasticSampler {
        Check.notNull("process", process);
        Check.notNull("discretization", discretization);
        Check.atLeast("steps", steps, 1);
        Check.notNull("method", method);
        Check.notNull("churn", churn);
    }

    /** The paper's Algorithm 2: sigma(t) = t, s(t) = 1. */
    public StochasticSampler(Discretization discretization, int steps, OdeMethod method, Churn churn) {
        this(NoiseProcess.edm(), discretization, steps, method, churn);
    }

    /** Heun over EDM's steps (rho = 7, 0.002 .. 80) with the given churn. */
    public static StochasticSampler edm(int steps, Churn churn) {
        return new StochasticSampler(Discretization.edm(), steps, OdeMethod.HEUN, churn);
    }

    /**
     * A point of EDM's ablation grid by name with churn, as {@link OdeSampler#ablation}; see
     * {@link Ablation} for the names and the VP refit.
     */
    public static StochasticSampler ablation(String discretization, String schedule, String scaling,
            String solver, int steps, Churn churn) {
        return Ablation.of(discretization, schedule, scaling, solver).stochastic(steps, churn);
    }

    @Override
    public String name() {
        String ode = "edm".equals(process.name()) ? "" : "/" + process.name();
        return "stochastic(" + method.name() + ", churn=" + churn.sChurn() + ")/" + discretization.name()
                + ode + "/N=" + steps;
    }

    /** The deterministic sampler with the same process, steps and solver. */
    public OdeSampler ode() {
        return new OdeSampler(process, discretization, steps, method);
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        OdeSampler ode = ode();
        double[] t = ode.times(denoiser);
        NDArray x = run.initial(process.sigma(t[0]) * process.s(t[0]));
        run.afterStep(name(), -1, process.sigma(t[0]), x);
        for (int i = 0; i < steps; i++) {
            final int step = i;
            double sigma = process.sigma(t[i]);
            double gamma = churn.gamma(sigma, steps);
            double tHat = gamma > 0 ? process.schedule().sigmaInv(denoiser.round(sigma * (1 + gamma))) : t[i];
            x = run.step(x, xi -> {
                NDArray xHat = xi;
                if (tHat > t[step]) {
                    double sigmaHat = process.sigma(tHat);
                    double sHat = process.s(tHat);
                    double ratio = sHat / process.s(t[step]);
                    double std = Math.sqrt(Math.max(0, sigmaHat * sigmaHat - sigma * sigma)) * sHat * churn.sNoise();
                    xHat = run.normal(xi.getManager(), step).muli(std).addi(ratio == 1 ? xi : xi.mul(ratio));
                }
                return ode.step(denoiser, xHat, tHat, t[step + 1]);
            });
            run.afterStep(name(), i, process.sigma(t[i + 1]), x);
        }
        return x;
    }
}
