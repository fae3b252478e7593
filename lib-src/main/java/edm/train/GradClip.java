package edm.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Gradient clipping by global norm: g = g min(1, c / (||g|| + 1e-6)), ||g||^2 = sum over all tensors. */
public final class GradClip {
    private GradClip() {}

    /** The global norm sqrt(sum_i ||g_i||^2) in float64. */
    public static double globalNorm(List<NDArray> grads) {
        double s = 0;
        for (NDArray g : grads) {
            try (NDArray sq = g.square(); NDArray sum = sq.sum()) {
                s += sum.getFloat();
            }
        }
        return Math.sqrt(s);
    }

    /** The factor min(1, c / (norm + 1e-6)); 1 when c = 0 (no clipping). */
    public static double scale(double norm, double c) {
        return c == 0 ? 1 : Math.min(1, c / (norm + 1e-6));
    }

    /** Scales all gradients in place so that their global norm is at most {@code c}; returns the norm before. */
    public static double clip(List<NDArray> grads, double c) {
        double norm = globalNorm(grads);
        double f = scale(norm, c);
        if (f < 1) {
            for (NDArray g : grads) {
                g.muli(f);
            }
        }
        return norm;
    }
}
