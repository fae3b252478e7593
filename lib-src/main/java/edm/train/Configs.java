package edm.train;

import edm.Check;
import edm.loss.DenoisingLoss;
import edm.loss.NoiseDistribution;
import edm.loss.Weighting;
import edm.precond.Preconditioning;
import edm.process.NoiseProcess;
import edm.sample.Discretization;
import edm.sample.OdeMethod;
import edm.sample.OdeSampler;
import java.util.List;

/**
 * The training configurations of EDM Table 2 (Karras et al. 2022, section 5) in miniature, as live
 * objects: each row is a loss (preconditioning, p_train, lambda), training hyper-parameters and a
 * deterministic sampler at a fixed number of network evaluations (NFE). As in the paper, every row is
 * sampled with EDM's deterministic sampler (Heun, EDM steps, sigma(t) = t, s(t) = 1, 35 NFE), so the rows
 * differ only in training. Every row keeps the network, the number of steps and the seed of the
 * {@link TrainConfig} it is given; only the listed change differs from the row above it.
 *
 * <ul>
 *   <li>A, VP baseline: VP preconditioning (c_skip = 1, c_out = -sigma, c_in = 1/sqrt(sigma^2 + 1),
 *       c_noise = 999 t), VP p_train (t ~ U(1e-5, 1)), lambda = 1/sigma^2, baseline hyper-parameters.
 *   <li>B = A with adjusted training hyper-parameters (the {@code adjusted} TrainConfig).
 *   <li>C, "redistribute capacity", changes the DDPM++ U-Net's architecture and is not modelled (the
 *       miniature keeps one network for every row).
 *   <li>D = B with EDM's preconditioning: c_skip = sigma_d^2/(sigma^2 + sigma_d^2),
 *       c_out = sigma sigma_d/sqrt(sigma^2 + sigma_d^2), c_in = 1/sqrt(sigma^2 + sigma_d^2),
 *       c_noise = ln(sigma)/4, sigma_d = 0.5; still VP's p_train and lambda = 1/sigma^2.
 *   <li>E = D with EDM's loss: ln sigma ~ N(-1.2, 1.2^2), lambda = 1/c_out^2.
 * </ul>
 *
 * F (non-leaky augmentation) is not modelled. {@link #veBaseline} is the VE column's row A. A row's
 * network with its formulation's original sampler (Euler over VP or VE steps) is a control, made with
 * {@link Config#withSampler}: that is EDM's Fig. 2 effect, not Table 2's.
 */
public final class Configs {
    /** EDM's NFE for CIFAR-10: Heun with 18 steps, 2 x 18 - 1 = 35 evaluations. */
    public static final int NFE = 35;

    private static final DenoisingLoss VP_LOSS =
            new DenoisingLoss(Preconditioning.vp(), NoiseDistribution.vp(), Weighting.inverseSquare());
    private static final DenoisingLoss VE_LOSS =
            new DenoisingLoss(Preconditioning.ve(), NoiseDistribution.ve(), Weighting.inverseSquare());
    private static final DenoisingLoss EDM_PRECOND_VP_LOSS =
            new DenoisingLoss(Preconditioning.edm(), NoiseDistribution.vp(), Weighting.inverseSquare());
    private static final DenoisingLoss EDM_LOSS =
            new DenoisingLoss(Preconditioning.edm(), NoiseDistribution.edm(), Weighting.edm());

    private Configs() {}

    /**
     * One row.
     *
     * @param id      "A" .. "E" (or "A-VE")
     * @param change  what this row changes, in words
     * @param loss    the training loss
     * @param train   the training hyper-parameters
     * @param sampler the deterministic sampler
     */
    public record Config(String id, String change, DenoisingLoss loss, TrainConfig train, OdeSampler sampler) {
        /** Validates that no component is null. */
        public Config {
            Check.notNull("id", id);
            Check.notNull("change", change);
            Check.notNull("loss", loss);
            Check.notNull("train", train);
            Check.notNull("sampler", sampler);
        }

        /** Evaluations of D per sample: N for Euler, 2N - 1 for a second-order method. */
        public int nfe() {
            return sampler.method().secondOrder() ? 2 * sampler.steps() - 1 : sampler.steps();
        }

        /** True when {@code other} trains the same network (same loss and hyper-parameters). */
        public boolean sameTrainingAs(Config other) {
            return loss.equals(other.loss) && train.equals(other.train);
        }

        /** This row with another id, change and sampler (the same trained network). */
        public Config withSampler(String newId, String newChange, OdeSampler s) {
            return new Config(newId, newChange, loss, train, s);
        }
    }

    /** VP's loss (one shared instance, so rows that train alike compare equal): VP preconditioning, VP p_train, lambda = 1/sigma^2. */
    public static DenoisingLoss vpLoss() {
        return VP_LOSS;
    }

    /** VE's loss: VE preconditioning, ln sigma ~ U(ln 0.02, ln 100), lambda = 1/sigma^2. */
    public static DenoisingLoss veLoss() {
        return VE_LOSS;
    }

    /** EDM's preconditioning with VP's p_train and lambda = 1/sigma^2 (row D). */
    public static DenoisingLoss edmPrecondVpLoss() {
        return EDM_PRECOND_VP_LOSS;
    }

    /** EDM's loss: EDM preconditioning, ln sigma ~ N(-1.2, 1.2^2), lambda = 1/c_out^2 (row E). */
    public static DenoisingLoss edmLoss() {
        return EDM_LOSS;
    }

    /** The VP sampler: Euler, VP steps, VP schedule and scaling, N = nfe. */
    public static OdeSampler vpSampler(int nfe) {
        return new OdeSampler(NoiseProcess.vp(), Discretization.vp(), nfe, OdeMethod.EULER);
    }

    /** The VE sampler: Euler, VE steps (geometric 100..0.02), sigma = sqrt(t), s = 1, N = nfe. */
    public static OdeSampler veSampler(int nfe) {
        return new OdeSampler(NoiseProcess.ve(), Discretization.ve(), nfe, OdeMethod.EULER);
    }

    /** EDM's sampler: Heun, EDM steps, sigma(t) = t, s(t) = 1, N = (nfe + 1)/2 (nfe odd). */
    public static OdeSampler edmSampler(int nfe) {
        Check.atLeast("nfe", nfe, 1);
        if (nfe % 2 == 0) {
            throw new IllegalArgumentException("nfe must be odd (2N - 1 evaluations of Heun), got " + nfe);
        }
        return OdeSampler.edm((nfe + 1) / 2);
    }

    /** Row A: the VP baseline, sampled with EDM's sampler. */
    public static Config a(TrainConfig baseline, int nfe) {
        return new Config("A", "VP baseline: VP precond, VP p_train, lambda = 1/sigma^2", vpLoss(), baseline,
                edmSampler(nfe));
    }

    /** Row B: A with the adjusted hyper-parameters. */
    public static Config b(TrainConfig adjusted, int nfe) {
        return new Config("B", "+ adjusted hyper-parameters", vpLoss(), adjusted, edmSampler(nfe));
    }

    /** Row D: B with EDM's preconditioning. */
    public static Config d(TrainConfig adjusted, int nfe) {
        return new Config("D", "+ EDM preconditioning (sigma_data = 0.5)", edmPrecondVpLoss(), adjusted,
                edmSampler(nfe));
    }

    /** Row E: D with EDM's loss. */
    public static Config e(TrainConfig adjusted, int nfe) {
        return new Config("E", "+ EDM loss: ln sigma ~ N(-1.2, 1.2^2), lambda = 1/c_out^2", edmLoss(), adjusted,
                edmSampler(nfe));
    }

    /** The VE column's row A: VE preconditioning, VE p_train, lambda = 1/sigma^2, EDM's sampler. */
    public static Config veBaseline(TrainConfig baseline, int nfe) {
        return new Config("A-VE", "VE baseline: VE precond, VE p_train, lambda = 1/sigma^2", veLoss(), baseline,
                edmSampler(nfe));
    }

    /** Rows A, B, D, E of the VP column (C is not modelled). */
    public static List<Config> vpColumn(TrainConfig baseline, TrainConfig adjusted, int nfe) {
        return List.of(a(baseline, nfe), b(adjusted, nfe), d(adjusted, nfe), e(adjusted, nfe));
    }
}
