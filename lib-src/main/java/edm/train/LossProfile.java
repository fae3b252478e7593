package edm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import edm.Check;
import edm.denoise.Denoiser;
import edm.loss.Weighting;
import edm.rand.NoiseStream;

/**
 * The denoising loss as a function of the noise level (EDM Fig. 5a), for any denoiser on a fixed data set:
 * <pre>
 *   L(sigma) = lambda(sigma) (1/N) sum_i (1/d) ||D(y_i + sigma eps_i; sigma) - y_i||^2,   eps_i ~ N(0, I),
 * </pre>
 * one value per sigma of a grid. The noise of sample i at grid point k comes from a {@link NoiseStream}
 * keyed by (i, k), so two denoisers scored with the same seed see exactly the same noisy inputs. With
 * EDM's lambda = 1/c_out^2 the values are the F-space loss a network sees in training; with EDM's
 * preconditioning a network that outputs F = 0 (D = c_skip x) scores
 * ((1 - c_skip)^2 E[y^2] + c_skip^2 sigma^2)/c_out^2, which is 1 at every sigma when E[y^2] = sigma_d^2.
 */
public final class LossProfile {
    private LossProfile() {}

    /**
     * L(sigma_k) for every k.
     *
     * @param denoiser the denoiser D
     * @param data     clean samples y, shape (N, sampleShape...), any floating type
     * @param sigmas   the noise levels (each &gt; 0)
     * @param lambda   the weight lambda(sigma)
     * @param seed     seed of the noise
     */
    public static double[] of(Denoiser denoiser, NDArray data, double[] sigmas, Weighting lambda, long seed) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("data", data);
        Check.notNull("sigmas", sigmas);
        Check.notNull("lambda", lambda);
        int n = Math.toIntExact(data.getShape().get(0));
        Check.atLeast("data.size(0)", n, 1);
        NoiseStream noise = new NoiseStream(seed);
        double[] out = new double[sigmas.length];
        try (NDManager m = data.getManager().newSubManager()) {
            NDArray y = data.toType(DataType.FLOAT64, true);
            y.attach(m);
            for (int k = 0; k < sigmas.length; k++) {
                double sigma = Check.positive("sigma", sigmas[k]);
                try (NDManager s = m.newSubManager()) {
                    NDArray eps = noise.normal(s, 0, n, data.getShape().slice(1), k);
                    NDArray x = y.add(eps.mul(sigma));
                    NDArray d = denoiser.denoise(x, sigma);
                    out[k] = lambda.lambda(sigma) * d.sub(y).square().mean().getDouble();
                }
            }
        }
        return out;
    }
}
