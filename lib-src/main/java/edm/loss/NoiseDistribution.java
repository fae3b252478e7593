package edm.loss;

import edm.Check;
import edm.process.DiscreteDdpm;
import edm.process.IddpmSigmas;
import edm.process.NoiseSchedule;
import java.util.SplittableRandom;

/** The training distribution p_train of noise levels sigma. */
public interface NoiseDistribution {
    /** A short label. */
    String name();

    /** Draws sigma ~ p_train using the given (seeded) generator. */
    double sample(SplittableRandom rng);

    /**
     * The density p_train(sigma) with respect to d sigma, or for a discrete distribution the
     * probability mass of the level sigma.
     */
    double density(double sigma);

    /** VP: sigma^-1(sigma) ~ U(eps_t, 1) with eps_t = 1e-5 and EDM's VP schedule. */
    static NoiseDistribution vp() {
        return vp(NoiseSchedule.vp(), 1e-5);
    }

    /** VP: t ~ U(eps_t, 1), sigma = sigma_vp(t). */
    static NoiseDistribution vp(NoiseSchedule vpSchedule, double epsT) {
        Check.open("epsT", epsT, 0, 1);
        return new TimeUniform("vp", vpSchedule, epsT, 1);
    }

    /** VE: ln sigma ~ U(ln 0.02, ln 100). */
    static NoiseDistribution ve() {
        return ve(0.02, 100);
    }

    /**
     * VE: ln sigma ~ U(ln sigma_min, ln sigma_max), i.e. t ~ U(0, 1) through the geometric schedule;
     * density 1/(sigma ln(sigma_max/sigma_min)).
     */
    static NoiseDistribution ve(double sigmaMin, double sigmaMax) {
        return new TimeUniform("ve", NoiseSchedule.geometric(sigmaMin, sigmaMax), 0, 1);
    }

    /** iDDPM: sigma = u_j, j ~ U{0, ..., M-1}, with the default table. */
    static NoiseDistribution iddpm() {
        return iddpm(new IddpmSigmas());
    }

    /** iDDPM: sigma = u_j, j ~ U{0, ..., M-1}. */
    static NoiseDistribution iddpm(IddpmSigmas u) {
        Check.notNull("u", u);
        double[] levels = new double[u.M()];
        for (int j = 0; j < levels.length; j++) {
            levels[j] = u.u(j);
        }
        return new DiscreteUniform("iddpm", levels);
    }

    /** DDPM's uniform t in 1..T: sigma = sigma_t of the chain. */
    static NoiseDistribution ddpm(DiscreteDdpm chain) {
        Check.notNull("chain", chain);
        double[] levels = new double[chain.T()];
        for (int t = 1; t <= chain.T(); t++) {
            levels[t - 1] = chain.sigma(t);
        }
        return new DiscreteUniform("ddpm", levels);
    }

    /** EDM: ln sigma ~ N(P_mean = -1.2, P_std^2 = 1.2^2). */
    static NoiseDistribution edm() {
        return edm(-1.2, 1.2);
    }

    /** EDM: ln sigma ~ N(P_mean, P_std^2). */
    static NoiseDistribution edm(double pMean, double pStd) {
        return new LogNormal(pMean, pStd);
    }

    /** Flow matching: t ~ U(1e-4, 1 - 1e-4), sigma = t/(1 - t) (see {@link #flow(double)}). */
    static NoiseDistribution flow() {
        return flow(1e-4);
    }

    /**
     * Flow matching / rectified flow: t ~ U(t0, 1 - t0) pushed through sigma = t/(1 - t), density
     * p(sigma) = 1/((1 - 2 t0)(1 + sigma)^2) on [t0/(1 - t0), (1 - t0)/t0]. The cut t0 keeps sigma finite
     * and nonzero (t0 = 0 is the textbook t ~ U(0, 1)).
     */
    static NoiseDistribution flow(double t0) {
        Check.open("t0", t0, 0, 0.5);
        return new TimeUniform("flow", NoiseSchedule.flow(), t0, 1 - t0);
    }
}
