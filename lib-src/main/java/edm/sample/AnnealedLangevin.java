package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;
import edm.denoise.Denoiser;

/**
 * Annealed Langevin dynamics (Song and Ermon 2019, Algorithm 1, NCSN): for noise levels
 * sigma_1 > ... > sigma_L and T steps per level,
 * <pre>
 *   alpha_i = eps (sigma_i / sigma_L)^2
 *   x <- x + alpha_i score(x; sigma_i) + sqrt(2 alpha_i) z,   z ~ N(0, I),
 * </pre>
 * with score(x; sigma) = (D(x; sigma) - x)/sigma^2 (s = 1: NCSN is a VE model). Scaling alpha_i with
 * sigma_i^2 keeps the signal-to-noise ratio of the update, alpha_i ||score|| / sqrt(2 alpha_i) ~ sqrt(eps/2)/sigma_L,
 * the same at every level. With one level this is plain Langevin dynamics at a single sigma, which
 * mixes poorly between separated modes and so gets mixture weights wrong; annealing from a large
 * sigma, where the modes overlap, fixes that.
 *
 * <p>Published defaults: L = 10 levels geometric from 1 to 0.01, T = 100, eps = 2e-5, started from
 * uniform noise U[0, 1). The returned sample is the last state (the original NCSN has no final
 * denoising step; {@code denoiseLast} adds D(x; sigma_L), as NCSNv2 does).
 *
 * <p>Level i's step j uses stream step i T + j. L T evaluations of D (+1 with denoiseLast).
 *
 * @param sigmas sigma_1 > ... > sigma_L > 0
 * @param stepsPerLevel T >= 1
 * @param eps the step size at the last level, > 0
 * @param initial the starting distribution
 * @param denoiseLast whether to return D(x; sigma_L) instead of the last state
 */
public record AnnealedLangevin(double[] sigmas, int stepsPerLevel, double eps, InitialNoise initial,
        boolean denoiseLast) implements Sampler {

    /** NCSN's L = 10. */
    public static final int LEVELS = 10;
    /** NCSN's sigma_1 = 1. */
    public static final double SIGMA_MAX = 1;
    /** NCSN's sigma_L = 0.01. */
    public static final double SIGMA_MIN = 0.01;
    /** NCSN's T = 100 steps per level. */
    public static final int STEPS_PER_LEVEL = 100;
    /** NCSN's eps = 2e-5. */
    public static final double EPS = 2e-5;

    /** Validates the levels (positive, strictly decreasing) and copies them. */
    public AnnealedLangevin {
        Check.notNull("sigmas", sigmas);
        Check.atLeast("sigmas.length", sigmas.length, 1);
        for (int i = 0; i < sigmas.length; i++) {
            Check.positive("sigmas[" + i + "]", sigmas[i]);
            if (i > 0 && !(sigmas[i] < sigmas[i - 1])) {
                throw new IllegalArgumentException("sigmas must be strictly decreasing, got sigmas[" + (i - 1)
                        + "] = " + sigmas[i - 1] + ", sigmas[" + i + "] = " + sigmas[i]);
            }
        }
        Check.atLeast("stepsPerLevel", stepsPerLevel, 1);
        Check.positive("eps", eps);
        Check.notNull("initial", initial);
        sigmas = sigmas.clone();
    }

    /** NCSN's published sampler: 10 levels 1..0.01, T = 100, eps = 2e-5, uniform U[0, 1) start. */
    public static AnnealedLangevin ncsn() {
        return geometric(SIGMA_MAX, SIGMA_MIN, LEVELS, STEPS_PER_LEVEL, EPS, InitialNoise.uniform(0, 1));
    }

    /** L levels geometric from sigma_max to sigma_min: sigma_i = sigma_max (sigma_min/sigma_max)^{(i-1)/(L-1)}. */
    public static AnnealedLangevin geometric(double sigmaMax, double sigmaMin, int levels, int stepsPerLevel,
            double eps, InitialNoise initial) {
        Check.positive("sigmaMin", sigmaMin);
        Check.ordered("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        Check.atLeast("levels", levels, 1);
        double[] s = new double[levels];
        for (int i = 0; i < levels; i++) {
            s[i] = levels == 1 ? sigmaMin : sigmaMax * Math.pow(sigmaMin / sigmaMax, i / (double) (levels - 1));
        }
        s[levels - 1] = sigmaMin;
        return new AnnealedLangevin(s, stepsPerLevel, eps, initial, false);
    }

    /** Plain Langevin dynamics at one noise level: x <- x + eps score(x; sigma) + sqrt(2 eps) z, T steps. */
    public static AnnealedLangevin plain(double sigma, int steps, double eps, InitialNoise initial) {
        return new AnnealedLangevin(new double[] {sigma}, steps, eps, initial, false);
    }

    /** This sampler with or without the final D(x; sigma_L). */
    public AnnealedLangevin withDenoiseLast(boolean d) {
        return new AnnealedLangevin(sigmas, stepsPerLevel, eps, initial, d);
    }

    /** A copy of sigma_1 .. sigma_L. */
    @Override
    public double[] sigmas() {
        return sigmas.clone();
    }

    /** alpha_i = eps (sigma_i/sigma_L)^2, for i = 0..L-1. */
    public double stepSize(int level) {
        double r = sigmas[level] / sigmas[sigmas.length - 1];
        return eps * r * r;
    }

    @Override
    public String name() {
        return (sigmas.length == 1 ? "Langevin" : "annealed Langevin") + "/L=" + sigmas.length + "/T="
                + stepsPerLevel + "/eps=" + eps;
    }

    @Override
    public NDArray sample(Denoiser denoiser, SampleRun run) {
        Check.notNull("denoiser", denoiser);
        Check.notNull("run", run);
        NDArray x = initial.draw(run);
        run.afterStep(name(), -1, sigmas[0], x);
        int step = 0;
        for (int i = 0; i < sigmas.length; i++) {
            final double sigma = sigmas[i];
            final double alpha = stepSize(i);
            final double noise = Math.sqrt(2 * alpha);
            for (int j = 0; j < stepsPerLevel; j++) {
                final long stream = (long) i * stepsPerLevel + j;
                x = run.step(x, xi -> {
                    NDArray z = run.normal(xi.getManager(), stream);
                    return xi.add(denoiser.score(xi, sigma).muli(alpha)).addi(z.muli(noise));
                });
                run.afterStep(name(), step++, sigma, x);
            }
        }
        if (denoiseLast) {
            double sigma = sigmas[sigmas.length - 1];
            x = run.step(x, xi -> denoiser.denoise(xi, sigma));
            run.afterStep(name(), step, 0, x);
        }
        return x;
    }
}
