package edm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) on NDArrays, with its state open for checkpoints. At update t = 1, 2, ...:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
 *   w = w - lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 *
 * with EDM's beta1 = 0.9, beta2 = 0.999, eps = 1e-8 (PyTorch's defaults). Arithmetic in float32.
 */
public final class Adam {
    /** beta1. */
    public static final double BETA1 = 0.9;
    /** beta2. */
    public static final double BETA2 = 0.999;
    /** eps. */
    public static final double EPS = 1e-8;

    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long t;

    /** Zero moments shaped like {@code params}, held in {@code manager}. */
    public Adam(List<NDArray> params, NDManager manager) {
        for (NDArray p : params) {
            m.add(manager.zeros(p.getShape(), p.getDataType()));
            v.add(manager.zeros(p.getShape(), p.getDataType()));
        }
    }

    /** Number of updates done. */
    public long t() {
        return t;
    }

    /** First moments (live arrays). */
    public List<NDArray> m() {
        return m;
    }

    /** Second moments (live arrays). */
    public List<NDArray> v() {
        return v;
    }

    /** Sets the update count (the moments are set through {@link #m()} and {@link #v()}). */
    void setT(long updates) {
        this.t = updates;
    }

    /**
     * One update of every parameter in place, each by libtorch's fused Adam kernel (one native call instead
     * of eleven). That kernel computes w -= lr' m / (sqrt(v) + eps') on the raw moments, so it is given
     * lr' = lr sqrt(1 - beta2^t) / (1 - beta1^t) (its bias-corrected rate; the plain rate only scales AdamW's
     * decay, zero here) and eps' = eps sqrt(1 - beta2^t), which is exactly the
     * update above with eps added to sqrt(v_hat). It also zeroes each parameter's autograd gradient, and
     * leaves no temporaries behind.
     */
    public void update(List<NDArray> params, List<NDArray> grads, double lr) {
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(BETA2, t));
        float lrT = (float) (lr * sqrtBc2 / bc1);
        float epsT = (float) (EPS * sqrtBc2);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i);
            w.getNDArrayInternal().adamUpdate(new NDList(w, grads.get(i), m.get(i), v.get(i)), new NDList(w),
                    lrT, lrT, 0f, 1f, -1f, (float) BETA1, (float) BETA2, epsT, false, false);
        }
    }
}
