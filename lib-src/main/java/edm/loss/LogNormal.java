package edm.loss;

import edm.Check;
import java.util.SplittableRandom;

/**
 * EDM's p_train: ln sigma ~ N(P_mean, P_std^2), density
 * p(sigma) = exp(-(ln sigma - P_mean)^2/(2 P_std^2))/(sigma P_std sqrt(2 pi)).
 *
 * @param pMean P_mean (EDM: -1.2)
 * @param pStd  P_std > 0 (EDM: 1.2)
 */
public record LogNormal(double pMean, double pStd) implements NoiseDistribution {

    /** Validates P_mean finite and P_std positive. */
    public LogNormal {
        Check.finite("pMean", pMean);
        Check.positive("pStd", pStd);
    }

    @Override
    public String name() {
        return "edm";
    }

    @Override
    public double sample(SplittableRandom rng) {
        return Math.exp(pMean + pStd * rng.nextGaussian());
    }

    @Override
    public double density(double sigma) {
        if (!(sigma > 0)) {
            return 0;
        }
        double z = (Math.log(sigma) - pMean) / pStd;
        return Math.exp(-0.5 * z * z) / (sigma * pStd * Math.sqrt(2 * Math.PI));
    }
}
