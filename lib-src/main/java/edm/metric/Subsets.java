package edm.metric;

import java.util.SplittableRandom;

/** Random index subsets drawn without replacement (partial Fisher-Yates shuffle). */
final class Subsets {
    private Subsets() {}

    /** {@code k} distinct indices from 0..n-1, uniformly, in random order. */
    static int[] draw(SplittableRandom rng, int n, int k) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        return java.util.Arrays.copyOf(perm, k);
    }
}
