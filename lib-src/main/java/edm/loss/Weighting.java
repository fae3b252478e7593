package edm.loss;

import edm.Check;

/** The loss weight lambda(sigma) of EDM Table 1. */
@FunctionalInterface
public interface Weighting {
    /** lambda(sigma). */
    double lambda(double sigma);

    /** lambda = 1/sigma^2 (VP, VE, iDDPM; and DDPM's L_simple in D-space). */
    static Weighting inverseSquare() {
        return s -> 1 / (s * s);
    }

    /** EDM with sigma_data = 0.5. */
    static Weighting edm() {
        return edm(0.5);
    }

    /** EDM: lambda = (sigma^2 + sigma_data^2)/(sigma sigma_data)^2 = 1/c_out^2. */
    static Weighting edm(double sigmaData) {
        Check.positive("sigmaData", sigmaData);
        double sd2 = sigmaData * sigmaData;
        return s -> (s * s + sd2) / (s * s * sd2);
    }

    /**
     * Flow matching: lambda = ((1 + sigma)/sigma)^2 = 1/c_out^2 of {@link edm.precond.Preconditioning#flow()}.
     * With D = x/(1 + sigma) - sigma/(1 + sigma) v, D - y = -sigma/(1 + sigma) (v - (eps - y)), so
     * lambda ||D - y||^2 = ||v - (eps - y)||^2, the flow-matching loss.
     */
    static Weighting flow() {
        return s -> (1 + s) * (1 + s) / (s * s);
    }
}
