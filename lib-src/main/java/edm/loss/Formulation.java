package edm.loss;

import edm.Check;
import edm.precond.Preconditioning;
import edm.process.NoiseProcess;
import edm.sample.Discretization;

/**
 * One column of EDM Table 1 as live objects: process (sigma(t), s(t)), steps, preconditioning,
 * p_train and lambda. (The solver column belongs to {@code edm.sample}.)
 *
 * @param name           column name
 * @param process        sigma(t) and s(t)
 * @param discretization the time steps
 * @param precond        c_skip, c_out, c_in, c_noise
 * @param pTrain         training noise distribution
 * @param lambda         loss weight
 */
public record Formulation(String name, NoiseProcess process, Discretization discretization, Preconditioning precond,
        NoiseDistribution pTrain, Weighting lambda) {

    /** Validates that no component is null. */
    public Formulation {
        Check.notNull("name", name);
        Check.notNull("process", process);
        Check.notNull("discretization", discretization);
        Check.notNull("precond", precond);
        Check.notNull("pTrain", pTrain);
        Check.notNull("lambda", lambda);
    }

    /** "VP" (Song et al. 2021, DDPM++): published constants. */
    public static Formulation vp() {
        return new Formulation("VP", NoiseProcess.vp(), Discretization.vp(), Preconditioning.vp(),
                NoiseDistribution.vp(), Weighting.inverseSquare());
    }

    /** "VE" (Song et al. 2021, NCSN++): published constants. */
    public static Formulation ve() {
        return new Formulation("VE", NoiseProcess.ve(), Discretization.ve(), Preconditioning.ve(),
                NoiseDistribution.ve(), Weighting.inverseSquare());
    }

    /** "iDDPM + DDIM" (Nichol and Dhariwal 2021): published constants. */
    public static Formulation iddpm() {
        return new Formulation("iDDPM", NoiseProcess.iddpm(), Discretization.iddpm(), Preconditioning.iddpm(),
                NoiseDistribution.iddpm(), Weighting.inverseSquare());
    }

    /** "EDM" (Karras et al. 2022): published constants. */
    public static Formulation edm() {
        return new Formulation("EDM", NoiseProcess.edm(), Discretization.edm(), Preconditioning.edm(),
                NoiseDistribution.edm(), Weighting.edm());
    }

    /**
     * Flow matching / rectified flow (Lipman et al. 2023; Liu et al. 2023) as a fifth column: x_t =
     * (1 - t) x_0 + t eps (s = 1 - t, sigma = t/(1 - t)), velocity output v = eps - x_0 through
     * {@link Preconditioning#flow()}, t ~ U(0, 1) (cut at 1e-4 from both ends), lambda = 1/c_out^2 so that
     * the EDM-form loss is E ||v_theta - (eps - x_0)||^2, and steps uniform in t.
     */
    public static Formulation flow() {
        return new Formulation("Flow", NoiseProcess.flow(), Discretization.flow(1e-3), Preconditioning.flow(),
                NoiseDistribution.flow(), Weighting.flow());
    }

    /** The loss of this column. */
    public DenoisingLoss loss() {
        return new DenoisingLoss(precond, pTrain, lambda);
    }
}
