package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.NoiseProcess;

/**
 * EDM's deterministic sampler (Algorithm 1 of Karras et al. 2022) for a general process with
 * noise schedule sigma(t) and scaling s(t): it integrates the probability-flow ODE
 * <pre>
 *   dx/dt = (sigma'(t)/sigma(t) + s'(t)/s(t)) x - (sigma'(t) s(t)/sigma(t)) D(x/s(t); sigma(t))
 * </pre>
 * from x_0 ~ N(0, sigma(t_0)^2 s(t_0)^2 I) over the time steps t_i = sigma^-1(sigma_i) of a
 * {@link Discretization}, with Euler's method or a member of the second-order family
 * ({@link OdeMethod}). The step sequence, the schedule, the scaling and the solver are independent
 * choices, the four axes of EDM's Fig. 2 ablation.
 *
 * <p>The step sequence is first clamped to the model's range [{@link Denoiser#sigmaMin()},
 * {@link Denoiser#sigmaMax()}] ({@link Discretization#clampedTo}) and its levels passed through
 * {@link Denoiser#round(double)}, as in EDM's samplers, so a model with discrete levels is evaluated
 * exactly at the levels the steps use. With Heun's method and N steps the sampler costs 2N - 1
 * evaluations of D (the last step is an Euler step).
 *
 * <p>The initial state is z sigma(t_0) s(t_0) with z the run's draws at {@link SampleRun#INITIAL}:
 * the caller's latents when given ({@link SampleRun.Builder#latents}). Any point of EDM's ablation
 * grid is built by name with {@link #ablation}.
 *
 * @param process the schedule sigma(t) and scaling s(t) of the ODE
 * @param discretization the noise levels sigma_0 > ... > sigma_N = 0
 * @param steps N, the number of steps
 * @param method the solver
 */
public record OdeSampler(NoiseProcess process, Discretization discretization, int steps, OdeMethod method)
        implements Sampler {

    public OdeSampler {
        Check.notNull("process", process);
        Check.notNull("discretization", discretization);
        Check.atLeast("steps", steps, 1);
        Check.notNull("method", method);
    }

    /** EDM's choice: Heun, EDM steps (rho = 7, 0.002..80), sigma(t) = t, s(t) = 1. */
    public static OdeSampler edm(int steps) {
        return new OdeSampler(NoiseProcess.edm(), Discretization.edm(), steps, OdeMethod.HEUN);
    }

    /**
     * A point of EDM's ablation grid by name, with EDM's default sigma range of the discretization
     * and the VP schedule refitted to it; see {@link Ablation} for the names and the refit.
     *
     * @param discretization vp, ve, iddpm or edm
     * @param schedule sigma(t): vp, ve or linear
     * @param scaling s(t): vp or none
     * @param solver euler or heun
     * @param steps N &gt;= 1
     */
    public static OdeSampler ablation(String discretization, String schedule, String scaling, String solver,
            int steps) {
        return Ablation.of(discretization, schedule, scaling, solver).ode(steps);
    }

    @Override
    public String name() {
        return method.name() + "/" + discretization.name() + "/" + process.name() + "/N=" + steps;
    }

    /**
     * The time steps t_0 > ... > t_N = 0: the discretization clamped to the model's range, its
     * levels rounded to the model's, t_i = sigma^-1(round(sigma_i)), t_N = 0.
     */
    public double[] times(Denoiser denoiser) {
        double[] sigma = discretization.clampedTo(denoiser.sigmaMin(), denoiser.sigmaMax()).sigmas(steps);
        double[] t = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            t[i] = process.schedule().sigmaInv(denoiser.round(sigma[i]));
        }
        t[steps] = 0;
        return t;
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        double[] t = times(denoiser);
        NDArray x = run.initial(process.sigma(t[0]) * process.s(t[0]));
        run.afterStep(name(), -1, process.sigma(t[0]), x);
        for (int i = 0; i < steps; i++) {
            final int step = i;
            x = run.step(x, xi -> step(denoiser, xi, t[step], t[step + 1]));
            run.afterStep(name(), i, process.sigma(t[i + 1]), x);
        }
        return x;
    }

    /** One solver step from t_i to t_{i+1}. */
    NDArray step(Denoiser denoiser, NDArray x, double ti, double tNext) {
        double h = tNext - ti;
        NDArray d = slope(denoiser, x, ti);
        if (!method.secondOrder() || process.sigma(tNext) == 0) {
            return d.muli(h).addi(x);                       // d is ours: update in place, one array less
        }
        double tPrime = ti + method.alpha() * h;
        NDArray xPrime = x.add(d.mul(method.alpha() * h));
        NDArray dPrime = slope(denoiser, xPrime, tPrime);
        return d.muli(h * method.firstWeight()).addi(dPrime.muli(h * method.secondWeight())).addi(x);
    }

    /** d(x, t) = (sigma'/sigma + s'/s) x - (sigma' s/sigma) D(x/s; sigma). */
    NDArray slope(Denoiser denoiser, NDArray x, double t) {
        return slope(name(), denoiser, x, t);
    }

    /** As above; a non-finite D output is reported under the name {@code who}. */
    NDArray slope(String who, Denoiser denoiser, NDArray x, double t) {
        double sigma = process.sigma(t);
        double s = process.s(t);
        double sigmaDot = process.schedule().sigmaDeriv(t);
        double sDot = process.scaling().sDeriv(t);
        NDArray denoised = DenoiserCheck.denoise(who, denoiser, s == 1 ? x : x.div(s), sigma);
        double a = sigmaDot / sigma + sDot / s;
        double b = sigmaDot * s / sigma;
        if (a == b) {                                       // s = 1 (EDM, VE): (x - D) sigma'/sigma, two passes
            return x.sub(denoised).muli(a);
        }
        return x.mul(a).subi(denoised.muli(b));
    }
}
