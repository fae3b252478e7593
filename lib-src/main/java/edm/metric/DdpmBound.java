package edm.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.denoise.Denoiser;
import edm.process.DiscreteDdpm;
import java.util.SplittableRandom;

/**
 * DDPM's variational bound (Ho et al. 2020, eq. 5) for any denoiser D, evaluated on DDPM's discrete chain, in
 * nats per image. The reverse step is p(x_{t-1} | x_t) = N(mu~_t(x0_hat, x_t), beta_t I) with
 * x0_hat = D(x_t / s_t; sigma_t), the fixed variance sigma_t^2 = beta_t of the paper:
 *
 * <pre>
 *   L       = L_T + sum_{t=2..T} L_{t-1} + L_0
 *   L_T     = KL(q(x_T | x_0) || N(0, I)) = 1/2 sum_j [(1 - abar_T) + abar_T x_j^2 - 1 - ln(1 - abar_T)]
 *   L_{t-1} = sum_j (mu~_t(x_0, x_t)_j - mu~_t(x0_hat, x_t)_j)^2 / (2 beta_t) + d/2 (r_t - 1 - ln r_t),
 *             r_t = beta~_t / beta_t,  x_t = s_t x_0 + sqrt(1 - abar_t) eps (one draw per image and t)
 *   L_0     = -ln p(x_0 | x_1): the discretized Gaussian decoder with mean mu~_1(x0_hat, x_1) and std sqrt(beta_1)
 * </pre>
 *
 * With {@code stride} k &gt; 1 the sum over t &gt;= 2 is stratified: only t = o, o + k, o + 2k, ... from a random
 * offset o in 1..k, each term scaled by k, an unbiased estimate at 1/k of the cost (L_0 is always computed).
 * Every draw comes from {@code SplittableRandom(seed)}: the offset first, then the noise t by t, image by image.
 */
public final class DdpmBound {
    private DdpmBound() {}

    /**
     * The bound's terms, in nats per image (means over the images).
     *
     * @param l0   the decoder term L_0
     * @param lMid the sum of L_{t-1} over t = 2..T
     * @param lT   the prior term L_T
     * @param dims values per image
     */
    public record Terms(double l0, double lMid, double lT, int dims) {
        /** L in nats per image. */
        public double total() {
            return l0 + lMid + lT;
        }

        /** L / (dims ln 2). */
        public double bitsPerDim() {
            return DiscretizedGaussian.bitsPerDim(total(), dims);
        }
    }

    /**
     * The bound of {@code denoiser} on images {@code x} (rows of C H W values on the decoder's grid).
     *
     * @param sampleShape (C, H, W) or any shape of x's rows, as the denoiser expects
     * @param stride      k in 1..T, see the class comment
     */
    public static Terms of(Denoiser denoiser, DiscreteDdpm chain, DiscretizedGaussian decoder, double[][] x,
            Shape sampleShape, int stride, long seed, NDManager manager) {
        Check.notNull("chain", chain);
        Check.inRange("stride", stride, 1, chain.T());
        SplittableRandom g = new SplittableRandom(seed);
        return of(denoiser, chain, decoder, x, sampleShape, stride, 1 + g.nextInt(stride), g, manager);
    }

    /** As above with the offset o given (tests average over all offsets). */
    static Terms of(Denoiser denoiser, DiscreteDdpm chain, DiscretizedGaussian decoder, double[][] x,
            Shape sampleShape, int stride, int offset, SplittableRandom g, NDManager manager) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("decoder", decoder);
        Check.notNull("x", x);
        Check.notNull("sampleShape", sampleShape);
        Check.notNull("manager", manager);
        Check.atLeast("x.length", x.length, 1);
        int n = x.length;
        int dim = Math.toIntExact(sampleShape.size());
        for (double[] row : x) {
            if (row.length != dim) {
                throw new IllegalArgumentException("every row of x must have sampleShape.size() = " + dim
                        + " values, got " + row.length);
            }
        }
        double l0 = 0;
        double lMid = 0;
        double lT = priorTerm(chain, x);
        for (int t = 1; t <= chain.T(); t++) {
            if (t != 1 && (t - offset) % stride != 0) {
                continue;
            }
            double[][] xt = new double[n][dim];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dim; j++) {
                    xt[i][j] = chain.s(t) * x[i][j] + Math.sqrt(1 - chain.alphaBar(t)) * g.nextGaussian();
                }
            }
            double[][] x0Hat = denoise(denoiser, xt, chain.s(t), chain.sigma(t), sampleShape, manager);
            for (int i = 0; i < n; i++) {
                double[] mu = chain.posteriorMean(x0Hat[i], xt[i], t);
                if (t == 1) {
                    l0 -= decoder.logLikelihood(x[i], mu, Math.sqrt(chain.beta(1)));
                } else {
                    lMid += stride * klTerm(chain, t, chain.posteriorMean(x[i], xt[i], t), mu);
                }
            }
        }
        return new Terms(l0 / n, lMid / n, lT / n, dim);
    }

    /** Sum over images of L_T. */
    private static double priorTerm(DiscreteDdpm chain, double[][] x) {
        double ab = chain.alphaBar(chain.T());
        double sum = 0;
        for (double[] row : x) {
            for (double v : row) {
                sum += 0.5 * ((1 - ab) + ab * v * v - 1 - Math.log(1 - ab));
            }
        }
        return sum;
    }

    /** KL(N(muTrue, beta~_t) || N(mu, beta_t)) summed over the values. */
    private static double klTerm(DiscreteDdpm chain, int t, double[] muTrue, double[] mu) {
        double beta = chain.beta(t);
        double r = chain.posteriorVariance(t) / beta;
        double kl = 0;
        for (int j = 0; j < mu.length; j++) {
            double e = muTrue[j] - mu[j];
            kl += e * e / (2 * beta) + 0.5 * (r - 1 - Math.log(r));
        }
        return kl;
    }

    /** x0_hat = D(x_t / s_t; sigma_t) as rows, in float64. */
    private static double[][] denoise(Denoiser d, double[][] xt, double s, double sigma, Shape sampleShape,
            NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = m.create(xt).div(s).reshape(new Shape(xt.length).addAll(sampleShape));
            NDArray out = d.denoise(in, sigma);
            if (!out.getShape().equals(in.getShape())) {
                throw new IllegalArgumentException("the denoiser must return shape " + in.getShape() + ", got "
                        + out.getShape());
            }
            return SlicedWasserstein.rows(out);
        }
    }
}
