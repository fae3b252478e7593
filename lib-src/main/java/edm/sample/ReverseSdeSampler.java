package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.NoiseProcess;

/**
 * Sampling by the reverse-time SDE of a process (Song et al. 2021),
 * <pre>
 *   dx = [f(t) x - g(t)^2 grad_x log p_t(x)] dt + g(t) dw_bar,
 * </pre>
 * integrated over N uniform steps in t from t_max down to t_min, t_i = t_max + i/N (t_min - t_max),
 * with f = s'/s and g = s sqrt(2 sigma' sigma) from the process and the score from D through
 * {@link ScaledScore}: score_t(x) = (D(x/s; sigma) - x/s)/(s sigma^2). Each step is a predictor
 * ({@link SdePredictor}: Euler-Maruyama or reverse diffusion) followed, when M > 0, by M Langevin
 * corrector steps at the new level ({@link LangevinCorrector}) - predictor-corrector sampling.
 *
 * <p>The start is the process's marginal at t_max without data, x ~ N(0, s(t_max)^2 sigma(t_max)^2 I).
 * t_min > 0, because the score blows up at sigma = 0. With {@code denoiseLast} the sampler
 * finishes with the "noise removal" step: it returns x_0_hat = D(x/s(t_min); sigma(t_min)), the
 * posterior mean of the data given the last state (one more evaluation of D), which removes the
 * residual noise of level sigma(t_min) that the plain last state still carries. Without it the last
 * state x_{t_min} is returned as is.
 *
 * <p>Noise: step i's predictor uses stream step i (M + 1), its corrector step j stream step
 * i (M + 1) + 1 + j. Cost: N (1 + M) evaluations of D, plus one with {@code denoiseLast}.
 *
 * @param process f and g (through s and sigma)
 * @param steps N >= 1
 * @param tMax the start time
 * @param tMin the end time, 0 < t_min < t_max
 * @param predictor the predictor
 * @param corrector the corrector (M = 0: predictor only)
 * @param denoiseLast whether to return D at the last level instead of the last state
 */
public record ReverseSdeSampler(NoiseProcess process, int steps, double tMax, double tMin, SdePredictor predictor,
        LangevinCorrector corrector, boolean denoiseLast) implements Sampler {

    /** Score SDE's sampling end time for VP: eps = 1e-3. */
    public static final double EPS_VP = 1e-3;
    /** Score SDE's sampling end time for VE: eps = 1e-5. */
    public static final double EPS_VE = 1e-5;

    public ReverseSdeSampler {
        Check.notNull("process", process);
        Check.atLeast("steps", steps, 1);
        Check.positive("tMin", tMin);
        Check.finite("tMax", tMax);
        Check.ordered("tMin", tMin, "tMax", tMax);
        Check.notNull("predictor", predictor);
        Check.notNull("corrector", corrector);
    }

    /** Euler-Maruyama on Score SDE's VP SDE (beta 0.1..20), t from 1 to 1e-3, noise removal at the end. */
    public static ReverseSdeSampler vp(int steps) {
        return new ReverseSdeSampler(NoiseProcess.vp(), steps, 1, EPS_VP, SdePredictor.EULER_MARUYAMA,
                LangevinCorrector.none(), true);
    }

    /**
     * Euler-Maruyama on Score SDE's VE SDE (sigma geometric 0.01..50), t from 1 to 1e-5, noise
     * removal at the end.
     */
    public static ReverseSdeSampler ve(int steps) {
        return new ReverseSdeSampler(NoiseProcess.veGeometric(), steps, 1, EPS_VE, SdePredictor.EULER_MARUYAMA,
                LangevinCorrector.none(), true);
    }

    /** PC on VE: reverse-diffusion predictor and one Langevin step with snr 0.16 per level. */
    public static ReverseSdeSampler pcVe(int steps) {
        return ve(steps).withPredictor(SdePredictor.REVERSE_DIFFUSION)
                .withCorrector(new LangevinCorrector(1, LangevinCorrector.SNR_VE));
    }

    /** PC on VP: reverse-diffusion predictor and one Langevin step with snr 0.01 per level. */
    public static ReverseSdeSampler pcVp(int steps) {
        return vp(steps).withPredictor(SdePredictor.REVERSE_DIFFUSION)
                .withCorrector(new LangevinCorrector(1, LangevinCorrector.SNR_VP));
    }

    /** This sampler with another predictor. */
    public ReverseSdeSampler withPredictor(SdePredictor p) {
        return new ReverseSdeSampler(process, steps, tMax, tMin, p, corrector, denoiseLast);
    }

    /** This sampler with another corrector. */
    public ReverseSdeSampler withCorrector(LangevinCorrector c) {
        return new ReverseSdeSampler(process, steps, tMax, tMin, predictor, c, denoiseLast);
    }

    /** This sampler with another number of steps N. */
    public ReverseSdeSampler withSteps(int n) {
        return new ReverseSdeSampler(process, n, tMax, tMin, predictor, corrector, denoiseLast);
    }

    /** This sampler with another time range [t_min, t_max]. */
    public ReverseSdeSampler withTimes(double max, double min) {
        return new ReverseSdeSampler(process, steps, max, min, predictor, corrector, denoiseLast);
    }

    /** This sampler with or without the final noise removal. */
    public ReverseSdeSampler withDenoiseLast(boolean d) {
        return new ReverseSdeSampler(process, steps, tMax, tMin, predictor, corrector, d);
    }

    @Override
    public String name() {
        String c = corrector.steps() == 0 ? "" : "+Langevin(M=" + corrector.steps() + ",r=" + corrector.snr() + ")";
        return predictor + c + "/" + process.name() + "/N=" + steps;
    }

    /** t_i = t_max + i/N (t_min - t_max), i = 0..N. */
    public double[] times() {
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            t[i] = tMax + (tMin - tMax) * i / steps;
        }
        t[steps] = tMin;
        return t;
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("run", run);
        double[] t = times();
        int perLevel = corrector.steps() + 1;
        NDArray x = run.initial(process.std(t[0]));
        run.afterStep(name(), -1, process.sigma(t[0]), x);
        for (int i = 0; i < steps; i++) {
            final double ti = t[i];
            final double tNext = t[i + 1];
            final long stream = (long) i * perLevel;
            x = run.step(x, xi -> level(denoiser, run, xi, ti, tNext, stream));
            run.afterStep(name(), i, process.sigma(tNext), x);
        }
        if (denoiseLast) {
            double s = process.s(tMin);
            double sigma = process.sigma(tMin);
            x = run.step(x, xi -> {
                NDArray xHat = xi.div(s);
                return DenoiserCheck.denoise(name(), denoiser, xHat, sigma);
            });
            run.afterStep(name(), steps, 0, x);
        }
        return x;
    }

    /** The predictor from t to tNext, then the corrector's M steps at tNext. */
    NDArray level(Denoiser denoiser, SampleRun run, NDArray x, double t, double tNext, long stream) {
        SdePredictor.Coefficients c = predictor.coefficients(process, t, tNext);
        NDArray score = ScaledScore.of(denoiser, x, process.s(t), process.sigma(t));
        NDArray z = run.normal(x.getManager(), stream);
        NDArray next = x.mul(c.a()).addi(score.muli(c.b())).addi(z.muli(c.c()));
        if (corrector.steps() > 0) {
            double s = process.s(tNext);
            double sigma = process.sigma(tNext);
            double decay = process.transition(tNext, t).decay();
            double alpha = decay * decay;
            for (int j = 0; j < corrector.steps(); j++) {
                NDArray g = ScaledScore.of(denoiser, next, s, sigma);
                NDArray zj = run.normal(x.getManager(), stream + 1 + j);
                next = corrector.step(next, g, zj, alpha);
            }
        }
        return next;
    }
}
