package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.Process;

/**
 * EDM's stochastic sampler (Algorithm 2 of Karras et al. 2022) with sigma(t) = t and s(t) = 1:
 * before each ODE step, noise is added to raise the level from t_i to t_hat = t_i (1 + gamma_i)
 * ({@link Churn}), then one solver step of dx/dt = (x - D(x; t))/t goes from t_hat to t_{i+1}:
 *
 * <pre>
 *   x_hat   = x_i + sqrt(t_hat^2 - t_i^2) S_noise eps_i
 *   d       = (x_hat - D(x_hat; t_hat)) / t_hat
 *   x_{i+1} = x_hat + (t_{i+1} - t_hat) d                          (Euler; always for t_{i+1} = 0)
 *   x_{i+1} = x_hat + (t_{i+1} - t_hat)(d + d')/2,  d' at (x_{i+1}, t_{i+1})     (Heun)
 * </pre>
 *
 * The solver step is any {@link OdeMethod} (Euler, Heun, midpoint, Ralston, alpha family), computed
 * by the same code as {@link OdeSampler}, so with S_churn = 0 this sampler equals the deterministic
 * one bit for bit. The noise eps_i of sample k is stream step i of the run's per-sample
 * {@link edm.rand.NoiseStream}, so results do not depend on the batch. t_hat goes through
 * {@link Denoiser#round(double)} as in EDM's reference code. NFE with Heun: 2N - 1.
 *
 * @param discretization the noise levels t_0 &gt; ... &gt; t_N = 0
 * @param steps N
 * @param method the solver of each step (EDM: Heun)
 * @param churn S_churn, S_tmin, S_tmax, S_noise
 */
public record StochasticSampler(Discretization discretization, int steps, OdeMethod method, Churn churn)
        implements Sampler {

    public StochasticSampler {
        Check.notNull("discretization", discretization);
        Check.atLeast("steps", steps, 1);
        Check.notNull("method", method);
        Check.notNull("churn", churn);
    }

    /** Heun over EDM's steps (rho = 7, 0.002 .. 80) with the given churn. */
    public static StochasticSampler edm(int steps, Churn churn) {
        return new StochasticSampler(Discretization.edm(), steps, OdeMethod.HEUN, churn);
    }

    @Override
    public String name() {
        return "stochastic(" + method.name() + ", churn=" + churn.sChurn() + ")/" + discretization.name()
                + "/N=" + steps;
    }

    /** The deterministic sampler with the same steps and solver (sigma(t) = t, s = 1). */
    public OdeSampler ode() {
        return new OdeSampler(Process.edm(), discretization, steps, method);
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        OdeSampler ode = ode();
        double[] t = ode.times(denoiser);
        NDArray x = run.initial(t[0]);
        run.afterStep(name(), -1, t[0], x);
        for (int i = 0; i < steps; i++) {
            final int step = i;
            double gamma = churn.gamma(t[i], steps);
            double tHat = gamma > 0 ? denoiser.round(t[i] * (1 + gamma)) : t[i];
            x = run.step(x, xi -> {
                NDArray xHat = xi;
                if (tHat > t[step]) {
                    double std = Math.sqrt(tHat * tHat - t[step] * t[step]) * churn.sNoise();
                    xHat = xi.add(run.normal(xi.getManager(), step).muli(std));
                }
                return ode.step(denoiser, xHat, tHat, t[step + 1]);
            });
            run.afterStep(name(), i, t[i + 1], x);
        }
        return x;
    }
}
