package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.NoiseProcess;

/**
 * The probability-flow ODE solved by the adaptive {@link DormandPrince} 5(4) method instead of a
 * fixed step sequence. For a process with schedule sigma(t) and scaling s(t) it integrates
 * <pre>
 *   dx/dt = (sigma'(t)/sigma(t) + s'(t)/s(t)) x - (sigma'(t) s(t)/sigma(t)) D(x/s(t); sigma(t))
 * </pre>
 * (the ODE of {@link OdeSampler}) from x ~ N(0, sigma_max^2 s(t_max)^2 I) at t_max = sigma^-1(sigma_max)
 * down to t_min = sigma^-1(sigma_min) under the tolerances rtol and atol, then takes one Euler step
 * to t = 0, whose slope is the solver's last stage (free by first-same-as-last); with sigma(t) = t,
 * s = 1 that step returns D(x; sigma_min). The step sizes, and so the NFE, follow the local error of
 * the flow: {@link #lastStats()} reports the evaluations and the accepted and rejected steps.
 *
 * <p>The batch shares its steps (see {@link DormandPrince}); results are seed-deterministic but
 * depend on the batch within the tolerance.
 */
public final class DoPriSampler implements Sampler {
    private final NoiseProcess process;
    private final double sigmaMin;
    private final double sigmaMax;
    private final DormandPrince solver;
    private volatile DormandPrince.Stats lastStats;

    /**
     * @param process sigma(t), s(t)
     * @param sigmaMin where the adaptive integration stops, &gt; 0
     * @param sigmaMax where it starts, &gt; sigmaMin
     * @param solver tolerances and limits
     */
    public DoPriSampler(NoiseProcess process, double sigmaMin, double sigmaMax, DormandPrince solver) {
        this.process = Check.notNull("process", process);
        Check.positive("sigmaMin", sigmaMin);
        Check.positive("sigmaMax", sigmaMax);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        this.sigmaMin = sigmaMin;
        this.sigmaMax = sigmaMax;
        this.solver = Check.notNull("solver", solver);
    }

    /** sigma(t) = t, s = 1, from 80 to 0.002 (EDM's range), with rtol = atol = {@code tol}. */
    public static DoPriSampler edm(double tol) {
        return new DoPriSampler(NoiseProcess.edm(), 0.002, 80, new DormandPrince(tol, tol));
    }

    @Override
    public String name() {
        return "DoPri5(rtol=" + solver.rtol() + ", atol=" + solver.atol() + ")/" + process.name();
    }

    /** The statistics of the most recent {@link #sample} call (null before the first). */
    public DormandPrince.Stats lastStats() {
        return lastStats;
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        OdeSampler ode = new OdeSampler(process, Discretization.edm(), 1, OdeMethod.EULER);
        double tMax = process.schedule().sigmaInv(sigmaMax);
        double tMin = process.schedule().sigmaInv(sigmaMin);
        NDArray x0 = run.initial(sigmaMax * process.s(tMax));
        run.afterStep(name(), -1, sigmaMax, x0);
        DormandPrince.Result r = solver.integrate((x, t) -> ode.slope(name(), denoiser, x, t), x0, tMax, tMin,
                run.manager(), (step, t, x) -> run.afterStep(name(), step, process.sigma(t), x));
        x0.close();
        lastStats = r.stats();
        NDArray x = run.step(r.x(), xi -> {
            NDArray slope = r.slope();
            slope.attach(xi.getManager());
            return xi.add(slope.mul(0 - tMin));
        });
        run.afterStep(name(), r.stats().accepted(), 0, x);
        return x;
    }
}
