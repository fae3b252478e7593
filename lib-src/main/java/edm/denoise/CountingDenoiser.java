package edm.denoise;

import ai.djl.ndarray.NDArray;
import edm.Check;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A denoiser that counts its evaluations.
 *
 * <p>{@link #nfe()} is the number of calls of {@link #denoise} (and {@link #score}). Every call
 * evaluates D once for every sample of the batch, so it is also the number of function evaluations
 * <em>per sample</em>, the NFE that papers report (EDM: 18 Heun steps = 35 NFE). {@link #samples()}
 * is the total number of per-sample evaluations, the sum of the batch sizes, which measures work.
 * Thread-safe. The rounding hook and the sigma range are the inner denoiser's.
 */
public final class CountingDenoiser implements Denoiser {
    private final Denoiser inner;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    /** Wraps {@code inner}. */
    public CountingDenoiser(Denoiser inner) {
        this.inner = Check.notNull("inner", inner);
    }

    @Override
    public NDArray denoise(NDArray x, double sigma) {
        count(x);
        return inner.denoise(x, sigma);
    }

    @Override
    public NDArray score(NDArray x, double sigma) {
        count(x);
        return inner.score(x, sigma);
    }

    @Override
    public double round(double sigma) {
        return inner.round(sigma);
    }

    @Override
    public double sigmaMin() {
        return inner.sigmaMin();
    }

    @Override
    public double sigmaMax() {
        return inner.sigmaMax();
    }

    private void count(NDArray x) {
        calls.incrementAndGet();
        samples.addAndGet(x.getShape().dimension() == 0 ? 1 : x.getShape().get(0));
    }

    /** Number of calls = function evaluations per sample (NFE). */
    public long nfe() {
        return calls.get();
    }

    /** Total per-sample evaluations: the sum over calls of the batch size. */
    public long samples() {
        return samples.get();
    }

    /** Sets both counters to zero. */
    public void reset() {
        calls.set(0);
        samples.set(0);
    }

    /** The wrapped denoiser. */
    public Denoiser inner() {
        return inner;
    }
}
