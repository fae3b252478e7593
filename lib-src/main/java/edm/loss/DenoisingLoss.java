package edm.loss;

import edm.Check;
import edm.precond.Preconditioning;
import edm.precond.RawModel;
import edm.process.DiscreteDdpm;
import java.util.SplittableRandom;

/**
 * EDM's denoising loss for any preconditioning, p_train and lambda:
 * L = E_{sigma, y, n} lambda(sigma) ||D(y + n; sigma) - y||^2
 *   = E lambda c_out^2 ||F(c_in (y + n); c_noise) - (y - c_skip (y + n))/c_out||^2.
 * Norms here are means over elements, so a unit-variance mismatch scores 1.
 *
 * @param precond the parameterization D
 * @param pTrain  the noise distribution
 * @param lambda  the weight
 */
public record DenoisingLoss(Preconditioning precond, NoiseDistribution pTrain, Weighting lambda) {

    /** Validates that no component is null. */
    public DenoisingLoss {
        Check.notNull("precond", precond);
        Check.notNull("pTrain", pTrain);
        Check.notNull("lambda", lambda);
    }

    /**
     * DDPM's L_simple = E_{t ~ U{1..T}} ||eps - eps_theta(x_t, t)||^2: eps-model adapter, uniform t,
     * lambda = 1/sigma^2 (since D - y = -sigma (eps_theta - eps)).
     */
    public static DenoisingLoss lSimple(DiscreteDdpm chain) {
        return new DenoisingLoss(Preconditioning.ddpm(chain), NoiseDistribution.ddpm(chain), Weighting.inverseSquare());
    }

    /**
     * DDPM's true variational bound for fixed reverse variance beta_t, written as a reweighted eps-MSE
     * (Ho et al. 2020, Table 2 "true variational bound"): eps adapter, uniform t, lambda from
     * {@link DdpmBoundWeighting} (effective weight lambda_t = beta_t/(2 alpha_t (1 - alpha_bar_t))).
     */
    public static DenoisingLoss ddpmTrueBound(DiscreteDdpm chain) {
        return new DenoisingLoss(Preconditioning.ddpm(chain), NoiseDistribution.ddpm(chain), new DdpmBoundWeighting(chain));
    }

    /**
     * The same true bound for a mu-model (Table 2, "mu~ prediction, L, fixed isotropic Sigma"):
     * L_{t-1} = ||mu~_t - mu_theta||^2/(2 beta_t). The D-space weight is {@link DdpmBoundWeighting}'s, as for
     * eps (the bound does not depend on how the network is parameterized); with c_out = 1/A_t the
     * effective F-space weight is 1/(2 beta_t).
     */
    public static DenoisingLoss ddpmMuTrueBound(DiscreteDdpm chain) {
        return new DenoisingLoss(Preconditioning.ddpmMu(chain), NoiseDistribution.ddpm(chain), new DdpmBoundWeighting(chain));
    }

    /**
     * The unweighted mean-squared error of a mu-model, ||mu~_t - mu_theta||^2 (Table 2's third mu~ row):
     * lambda = A_t^2 = 1/c_out^2, so the effective F-space weight is 1 at every step.
     */
    public static DenoisingLoss ddpmMuMse(DiscreteDdpm chain) {
        return new DenoisingLoss(Preconditioning.ddpmMu(chain), NoiseDistribution.ddpm(chain), s -> {
            double a = chain.posteriorMeanX0(chain.nearestStep(s));
            return a * a;
        });
    }

    /** The effective weight in F-space, lambda(sigma) c_out(sigma)^2 (1 for all four Table 1 columns). */
    public double effectiveWeight(double sigma) {
        double c = precond.cOut(sigma);
        return lambda.lambda(sigma) * c * c;
    }

    /** The F-space target (y - c_skip (y + n))/c_out. */
    public double[] target(double[] y, double[] n, double sigma) {
        return precond.output().fromDenoised(add(y, n), y, sigma);
    }

    /** lambda(sigma) mean_i (D(y + n; sigma)_i - y_i)^2 for a given noise level and noise n (std sigma). */
    public double loss(double[] y, double[] n, double sigma, RawModel f) {
        Check.atLeast("y.length", Check.notNull("y", y).length, 1);
        double[] d = precond.denoise(add(y, n), sigma, f);
        return lambda.lambda(sigma) * meanSquare(d, y);
    }

    /**
     * The same loss from F's output directly: lambda c_out^2 mean_i (F_i - target_i)^2.
     *
     * @param fOut F(c_in (y + n); c_noise)
     */
    public double lossF(double[] y, double[] n, double sigma, double[] fOut) {
        return effectiveWeight(sigma) * meanSquare(fOut, target(y, n, sigma));
    }

    /**
     * One Monte Carlo draw: sigma ~ p_train, n = sigma eps, then {@link #loss}.
     *
     * @param y a clean sample, at least one value
     * @throws IllegalArgumentException for an empty y (the mean over no values is undefined)
     * @return the drawn sigma and the loss
     */
    public Draw sample(double[] y, SplittableRandom rng, RawModel f) {
        Check.notNull("y", y);
        Check.notNull("rng", rng);
        Check.atLeast("y.length", y.length, 1);
        double sigma = pTrain.sample(rng);
        double[] n = new double[y.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = sigma * rng.nextGaussian();
        }
        return new Draw(sigma, loss(y, n, sigma, f));
    }

    /**
     * A drawn noise level and its loss.
     *
     * @param sigma the noise level
     * @param loss  the weighted loss
     */
    public record Draw(double sigma, double loss) {}

    private static double[] add(double[] y, double[] n) {
        Check.notNull("y", y);
        Check.notNull("n", n);
        if (y.length != n.length) {
            throw new IllegalArgumentException("n.length must equal y.length = " + y.length + ", got " + n.length);
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = y[i] + n[i];
        }
        return x;
    }

    private static double meanSquare(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum / a.length;
    }
}
