package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;

/**
 * The Langevin corrector of predictor-corrector sampling (Song et al. 2021, Algorithms 4 and 5):
 * M steps of Langevin dynamics at a fixed noise level, with a step size set from a signal-to-noise ratio r,
 * <pre>
 *   g = score(x),  z ~ N(0, I),  eps = 2 alpha (r ||z|| / ||g||)^2,  x <- x + eps g + sqrt(2 eps) z.
 * </pre>
 * The norms are taken per sample over its coordinates and then, by the paper's rule ({@link Norms#BATCH_MEAN},
 * the default: "replace the norm with the average norm across the mini-batch", as the reference code does),
 * averaged over the batch, so one step size serves the whole batch and a sample's path depends on its
 * batch-mates; {@link Norms#PER_SAMPLE} gives every sample its own step size and keeps it independent of its
 * batch. alpha = 1 for VE and alpha_i = 1 - beta_i of the level's one-step chain for VP (the sampler passes it).
 * The Langevin update has p_t as its stationary law, so the corrector pulls the predictor's state toward the
 * right marginal.
 *
 * @param steps M >= 0 corrector steps per level (0: none)
 * @param snr   r > 0
 * @param norms how ||z|| and ||g|| are formed
 */
public record LangevinCorrector(int steps, double snr, Norms norms) {
    /** How the corrector's norms are formed. */
    public enum Norms {
        /** Per-sample norms averaged over the batch: one step size per batch (the paper's and reference code's rule). */
        BATCH_MEAN,
        /** Each sample's own norms: a step size per sample, independent of the batch. */
        PER_SAMPLE
    }

    /** Score SDE's snr for VE: 0.16. */
    public static final double SNR_VE = 0.16;
    /** The snr suggested here for VP: 0.01. */
    public static final double SNR_VP = 0.01;

    public LangevinCorrector {
        Check.atLeast("steps", steps, 0);
        Check.positive("snr", snr);
        Check.notNull("norms", norms);
    }

    /** M steps with ratio r and the paper's batch-averaged norms. */
    public LangevinCorrector(int steps, double snr) {
        this(steps, snr, Norms.BATCH_MEAN);
    }

    /** This corrector with another norm rule. */
    public LangevinCorrector withNorms(Norms n) {
        return new LangevinCorrector(steps, snr, n);
    }

    /** No correction. */
    public static LangevinCorrector none() {
        return new LangevinCorrector(0, SNR_VE);
    }

    /**
     * One corrector step at a level with the given score.
     *
     * @param x the state, not modified
     * @param score grad log p_t(x), same shape
     * @param z standard normal noise, same shape
     * @param alpha the level's alpha (1 for VE)
     * @return x + eps g + sqrt(2 eps) z (eps per batch or per sample, by {@link #norms})
     */
    public NDArray step(NDArray x, NDArray score, NDArray z, double alpha) {
        int[] axes = new int[x.getShape().dimension() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        NDArray zNorm = z.square().sum(axes, true).sqrt();
        NDArray gNorm = score.square().sum(axes, true).sqrt();
        if (norms == Norms.BATCH_MEAN) {
            zNorm = zNorm.mean();
            gNorm = gNorm.mean();
        }
        NDArray eps = zNorm.divi(gNorm).muli(snr).square().muli(2 * alpha);
        NDArray noise = z.mul(eps.mul(2).sqrt());
        return x.add(score.mul(eps)).addi(noise);
    }
}
