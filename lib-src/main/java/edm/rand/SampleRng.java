package edm.rand;

/**
 * The random stream of one sample at one step: a SplitMix64 generator (Steele, Lea and Flood 2014,
 * the algorithm behind {@link java.util.SplittableRandom}) written out here so its output is fixed by
 * this file, not by the JDK version.
 *
 * <p>State update and output: {@code state += GAMMA; z = mix64(state)} with
 * {@code GAMMA = 0x9E3779B97F4A7C15} (the odd integer nearest 2^64 / golden ratio) and the
 * SplitMix64 finalizer {@link #mix64}. Uniform doubles take the top 53 bits; standard normals use
 * the Box-Muller transform with {@link StrictMath}, whose results are bit-identical on every
 * platform. Not thread-safe: one instance per sample and step.
 */
public final class SampleRng {
    /** Weyl-sequence increment of SplitMix64: round(2^64 / phi), made odd. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_POW_M53 = 0x1.0p-53;

    private long state;
    private double spareNormal;
    private boolean hasSpare;

    /** A generator whose first output is {@code mix64(seed + GAMMA)}. */
    public SampleRng(long seed) {
        this.state = seed;
    }

    /**
     * The SplitMix64 finalizer (variant 13 of Stafford's mixers): a bijection of the 64-bit
     * integers with good avalanche, {@code z = (z ^ z>>>30) * 0xBF58476D1CE4E5B9;
     * z = (z ^ z>>>27) * 0x94D049BB133111EB; z ^ z>>>31}.
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        state += GAMMA;
        return mix64(state);
    }

    /** A uniform double in [0, 1): the top 53 bits of {@link #nextLong()} times 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * TWO_POW_M53;
    }

    /**
     * A standard normal by Box-Muller: with u1 in (0, 1] and u2 in [0, 1),
     * {@code z0 = sqrt(-2 ln u1) cos(2 pi u2)}, {@code z1 = sqrt(-2 ln u1) sin(2 pi u2)};
     * z1 is kept for the next call.
     */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u1 = ((nextLong() >>> 11) + 1) * TWO_POW_M53; // (0, 1], so ln u1 is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spareNormal = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /** Fills {@code out[offset .. offset+count)} with standard normals, in order. */
    public void fillGaussian(double[] out, int offset, int count) {
        for (int i = 0; i < count; i++) {
            out[offset + i] = nextGaussian();
        }
    }
}
