package edm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * Exponential moving average of the weights with a half-life in samples (EDM's ema_halflife_kimg):
 * after a step of B samples, w_ema = beta w_ema + (1 - beta) w with beta = 0.5^(B / h), so the weight
 * of a sample seen h samples ago is halved. With EDM's ramp-up, h = min(halflife, rampup x seen).
 */
public final class Ema {
    private final List<NDArray> shadow = new ArrayList<>();

    /** A copy of {@code params} held in {@code manager}. */
    public Ema(List<NDArray> params, NDManager manager) {
        for (NDArray p : params) {
            NDArray c = p.duplicate();
            c.attach(manager);
            shadow.add(c);
        }
    }

    /**
     * beta = 0.5^(batch / h), h = min(halflife, rampup seen) when rampup &gt; 0 (with h &gt;= 1e-8).
     *
     * @param batch    samples in this step
     * @param halflife half-life in samples
     * @param rampup   ramp-up ratio (0 = off)
     * @param seen     samples seen including this step
     */
    public static double beta(long batch, double halflife, double rampup, long seen) {
        Check.positive("halflife", halflife);
        double h = rampup > 0 ? Math.min(halflife, rampup * seen) : halflife;
        return Math.pow(0.5, batch / Math.max(h, 1e-8));
    }

    /** The averaged weights (live arrays). */
    public List<NDArray> weights() {
        return shadow;
    }

    /** w_ema = beta w_ema + (1 - beta) w, in place. */
    public void update(List<NDArray> params, double beta, NDManager scratch) {
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).mul(1 - beta);
            w.attach(scratch);
            shadow.get(i).muli(beta).addi(w);
        }
    }
}
