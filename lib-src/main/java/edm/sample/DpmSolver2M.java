package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;

/**
 * DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++"), the multistep second-order solver with data
 * prediction, written in EDM's sigma space (s = 1, sigma = t), where the data prediction is D itself.
 *
 * <p>With lambda = -ln sigma the PF-ODE dx/dsigma = (x - D)/sigma becomes, by variation of constants,
 * x(sigma_{i+1}) = (sigma_{i+1}/sigma_i) x(sigma_i) + sigma_{i+1} int_{lambda_i}^{lambda_{i+1}} e^lambda D dlambda.
 * Holding D constant gives the first-order (DDIM) step; extrapolating D linearly in lambda from the
 * previous evaluation gives the second-order multistep update:
 *
 * <pre>
 *   h_i = lambda_{i+1} - lambda_i = ln(sigma_i / sigma_{i+1}),     r_i = h_{i-1} / h_i
 *   D'_i = (1 + 1/(2 r_i)) D_i - 1/(2 r_i) D_{i-1}                 (D'_0 = D_0: first step first order)
 *   x_{i+1} = (sigma_{i+1}/sigma_i) x_i - (e^{-h_i} - 1) D'_i
 *           = (sigma_{i+1}/sigma_i) x_i + (1 - sigma_{i+1}/sigma_i) D'_i
 * </pre>
 *
 * with D_i = D(x_i; sigma_i). The last step, to sigma_N = 0, returns D_{N-1} (the limit
 * sigma_{i+1}/sigma_i = 0 of the first-order step). One evaluation of D per step: NFE = N.
 *
 * @param discretization the noise levels sigma_0 &gt; ... &gt; sigma_N = 0
 * @param steps N
 */
public record DpmSolver2M(Discretization discretization, int steps) implements Sampler {

    public DpmSolver2M {
        Check.notNull("discretization", discretization);
        Check.atLeast("steps", steps, 1);
    }

    @Override
    public String name() {
        return "DPM-Solver++(2M)/" + discretization.name() + "/N=" + steps;
    }

    /** sigma_0 .. sigma_N clamped to the model's range and rounded to its levels (sigma_N = 0). */
    public double[] sigmas(Denoiser denoiser) {
        double[] sigma = discretization.clampedTo(denoiser.sigmaMin(), denoiser.sigmaMax()).sigmas(steps);
        for (int i = 0; i < steps; i++) {
            sigma[i] = denoiser.round(sigma[i]);
        }
        return sigma;
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        double[] sigma = sigmas(denoiser);
        NDArray x = run.initial(sigma[0]);
        run.afterStep(name(), -1, sigma[0], x);
        NDArray previous = null; // D_{i-1}, attached to the run's manager
        for (int i = 0; i < steps; i++) {
            final int step = i;
            final NDArray dPrev = previous;
            NDArray[] current = new NDArray[1];
            x = run.step(x, xi -> {
                NDArray d = DenoiserCheck.denoise(name(), denoiser, xi, sigma[step]);
                NDArray next;
                if (sigma[step + 1] == 0) {
                    next = d.duplicate();
                } else {
                    NDArray dPrime = d;
                    if (dPrev != null) {
                        double h = Math.log(sigma[step] / sigma[step + 1]);
                        double r = Math.log(sigma[step - 1] / sigma[step]) / h;
                        NDArray older = dPrev.mul(1 / (2 * r));
                        older.attach(xi.getManager());
                        dPrime = d.mul(1 + 1 / (2 * r)).subi(older);
                    }
                    double ratio = sigma[step + 1] / sigma[step];
                    next = xi.mul(ratio).addi(dPrime.mul(1 - ratio));
                }
                d.attach(run.manager()); // kept as D_{i-1} for the next step
                current[0] = d;
                return next;
            });
            if (previous != null) {
                previous.close();
            }
            previous = current[0];
            run.afterStep(name(), i, sigma[i + 1], x);
        }
        if (previous != null) {
            previous.close();
        }
        return x;
    }
}
