package edm.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.Check;
import edm.denoise.Denoiser;

/**
 * The local truncation error of each step of an {@link OdeSampler} (EDM Fig. 13), measured against a
 * fine reference solve from the same start state:
 * <pre>
 *   x_0^ref = x_0,   x_{i+1}^ref = Phi(x_i^ref; t_i -&gt; t_{i+1})          (fine solve, K substeps)
 *   tau_i   = RMS( step(x_i^ref; t_i -&gt; t_{i+1}) - x_{i+1}^ref )        (one step of the sampler)
 * </pre>
 * RMS is over all samples and coordinates. Every step starts on the (numerically) exact trajectory,
 * so tau_i is the error made by step i alone, not the accumulated global error. The reference Phi
 * takes K Heun substeps uniform in t over [t_i, t_{i+1}] (Heun's error shrinks as K^-2; a substep that
 * ends at sigma = 0 is an Euler step, as in the samplers).
 */
public final class LocalError {
    private LocalError() {}

    /**
     * The per-step error of {@code sampler} along the trajectory that starts at {@code x0}.
     *
     * @param x0 the start state at t_0 (in the sampler's coordinates: x = s(t_0) x_hat), shape (B, ...)
     * @param substeps K &gt;= 1, Heun substeps of the reference per step
     * @return {sigma_i, tau_i} for i = 0 .. N-1 (sigma_i = sigma(t_i), the level the step starts from)
     */
    public static double[][] perStep(OdeSampler sampler, Denoiser denoiser, NDArray x0, int substeps) {
        Check.notNull("sampler", sampler);
        Check.notNull("denoiser", denoiser);
        Check.notNull("x0", x0);
        Check.atLeast("substeps", substeps, 1);
        OdeSampler fine = new OdeSampler(sampler.process(), sampler.discretization(), sampler.steps(), OdeMethod.HEUN);
        double[] t = sampler.times(denoiser);
        int n = sampler.steps();
        double[][] out = new double[2][n];
        NDManager home = x0.getManager();
        NDArray x = x0.duplicate();
        for (int i = 0; i < n; i++) {
            try (NDManager sub = home.newSubManager()) {
                x.attach(sub);
                NDArray one = sampler.step(denoiser, x, t[i], t[i + 1]);
                NDArray ref = x;
                for (int k = 0; k < substeps; k++) {
                    double a = t[i] + (t[i + 1] - t[i]) * k / substeps;
                    double b = k + 1 == substeps ? t[i + 1] : t[i] + (t[i + 1] - t[i]) * (k + 1) / substeps;
                    ref = fine.step(denoiser, ref, a, b);
                }
                out[0][i] = sampler.process().sigma(t[i]);
                out[1][i] = Math.sqrt(one.sub(ref).square().mean().getDouble());
                x = ref.duplicate();
                x.attach(home);
            }
        }
        x.close();
        return out;
    }
}
