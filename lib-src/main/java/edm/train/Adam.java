package edm.train;

import ai.djl.ndarray.NDArray;
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

    /** One update of every parameter in place; temporaries go to {@code scratch}. */
    public void update(List<NDArray> params, List<NDArray> grads, double lr, NDManager scratch) {
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < params.size(); i++) {
            NDArray g = grads.get(i);
            NDArray g1 = g.mul(1 - BETA1);
            g1.attach(scratch);
            m.get(i).muli(BETA1).addi(g1);
            NDArray g2 = g.square();
            g2.attach(scratch);
            v.get(i).muli(BETA2).addi(g2.muli(1 - BETA2));
            NDArray vhat = v.get(i).div(bc2);
            vhat.attach(scratch);
            NDArray denom = vhat.sqrt().add(EPS);
            NDArray step = m.get(i).mul(lr / bc1);
            step.attach(scratch);
            params.get(i).subi(step.divi(denom));
        }
    }
}
