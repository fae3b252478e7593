package edm.train;

import edm.Check;
import edm.rand.SampleRng;

/**
 * Seeded epoch-wise shuffling: sample position p = step B + i is data index perm_e[p mod N] with
 * e = p div N and perm_e a Fisher-Yates permutation from a {@link SampleRng} seeded by
 * mix64(seed + e). The batch of any step is a pure function of (seed, step), so resuming needs no state.
 */
public final class DataOrder {
    private final int n;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] perm;

    /**
     * @param n    data set size N
     * @param seed seed
     */
    public DataOrder(int n, long seed) {
        this.n = Check.atLeast("n", n, 1);
        this.seed = seed;
    }

    /** The data indices of step {@code step} with {@code batch} samples. */
    public long[] batch(long step, int batch) {
        long[] idx = new long[batch];
        for (int i = 0; i < batch; i++) {
            long p = step * batch + i;
            idx[i] = permutation(p / n)[(int) (p % n)];
        }
        return idx;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            SampleRng rng = new SampleRng(SampleRng.mix64(seed + epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = (int) ((rng.nextLong() >>> 1) % (i + 1));
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            cachedEpoch = epoch;
        }
        return perm;
    }
}
