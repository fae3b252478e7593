package edm.sample;

import ai.djl.ndarray.NDArray;
import edm.Check;

/**
 * The Langevin corrector of predictor-corrector sampling (Song et al. 2021, Algorithms 4 and 5):
 * M steps of Langevin dynamics at a fixed noise level, with a step size set per sample from a
 * signal-to-noise ratio r,
 * <pre>
 *   g = score(x),  z ~ N(0, I),  eps = 2 alpha (r ||z|| / ||g||)^2,  x <- x + eps g + sqrt(2 eps) z,
 * </pre>
 * norms taken over each sample's coordinates (the reference code averages them over the batch; per
 * sample keeps a sample independent of its batch). alpha = 1 for VE and alpha_i = 1 - beta_i of the
 * level's one-step chain for VP (the sampler passes it). The Langevin update has p_t as its
 * stationary law, so the corrector pulls the predictor's state toward the right marginal.
 *
 * @param steps M >= 0 corrector steps per level (0: none)
 * @param snr r > 0
 */
public record LangevinCorrector(int steps, double snr) {
    /** Score SDE's snr for VE: 0.16. */
    public static final double SNR_VE = 0.16;
    /** The snr suggested here for VP: 0.01. */
    public static final double SNR_VP = 0.01;

    public LangevinCorrector {
        Check.atLeast("steps", steps, 0);
        Check.positive("snr", snr);
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
     * @return x + eps g + sqrt(2 eps) z with eps per sample
     */
    public NDArray step(NDArray x, NDArray score, NDArray z, double alpha) {
        int[] axes = new int[x.getShape().dimension() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        NDArray zNorm = z.square().sum(axes, true).sqrt();
        NDArray gNorm = score.square().sum(axes, true).sqrt();
        NDArray eps = zNorm.divi(gNorm).muli(snr).square().muli(2 * alpha);
        NDArray noise = z.mul(eps.mul(2).sqrt());
        return x.add(score.mul(eps)).addi(noise);
    }
}
