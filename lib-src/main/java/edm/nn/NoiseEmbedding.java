package edm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import edm.Check;
import edm.rand.SampleRng;

/**
 * A parameter-free embedding of the noise conditioning c_noise into {@code dim} features,
 * [cos(c_noise f_k), sin(c_noise f_k)] for k = 0 .. dim/2 - 1, as in EDM's networks.py:
 *
 * <ul>
 *   <li>{@link Kind#POSITIONAL} (DDPM++, ADM): f_k = (1/max_positions)^(k/(dim/2)), max_positions = 10000;
 *   <li>{@link Kind#FOURIER} (NCSN++): f_k = 2 pi scale z_k with z_k ~ N(0, 1) fixed (drawn from a
 *       {@link SampleRng} with seed {@code dim}, so it is part of the architecture, not of the weights).
 * </ul>
 *
 * @param kind  positional or Fourier
 * @param dim   number of features, even and at least 2
 * @param scale Fourier scale (NCSN++: 16); ignored for positional
 */
public record NoiseEmbedding(Kind kind, int dim, double scale) {
    /** The frequency families. */
    public enum Kind { POSITIONAL, FOURIER }

    /** Validates the arguments. */
    public NoiseEmbedding {
        Check.notNull("kind", kind);
        Check.atLeast("dim", dim, 2);
        if (dim % 2 != 0) {
            throw new IllegalArgumentException("dim must be even, got " + dim);
        }
        Check.positive("scale", scale);
    }

    /** Positional embedding with {@code dim} features (max_positions = 10000). */
    public static NoiseEmbedding positional(int dim) {
        return new NoiseEmbedding(Kind.POSITIONAL, dim, 1);
    }

    /** Fourier features with {@code dim} features and the given scale. */
    public static NoiseEmbedding fourier(int dim, double scale) {
        return new NoiseEmbedding(Kind.FOURIER, dim, scale);
    }

    /** The frequencies f_k, k = 0 .. dim/2 - 1. */
    public float[] frequencies() {
        int half = dim / 2;
        float[] f = new float[half];
        SampleRng rng = new SampleRng(dim);
        for (int k = 0; k < half; k++) {
            f[k] = kind == Kind.POSITIONAL
                    ? (float) Math.pow(1e-4, (double) k / half)
                    : (float) (2 * Math.PI * scale * rng.nextGaussian());
        }
        return f;
    }

    /** Features of shape (B, dim) for c_noise of shape (B). */
    public NDArray embed(NDArray cNoise) {
        NDArray f = cNoise.getManager().create(frequencies()).reshape(1, dim / 2);
        NDArray arg = cNoise.reshape(-1, 1).mul(f);
        return NDArrays.concat(new ai.djl.ndarray.NDList(arg.cos(), arg.sin()), 1);
    }
}
