package edm.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import edm.denoise.Denoiser;
import edm.sample.OdeSampler;
import edm.sample.SampleRun;
import edm.sample.Sampler;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Drawing images from a model: per-sample seeds as EDM's {@code generate.py --seeds} (image k's initial
 * noise and churn noise come from stream k of the base seed, whatever the batch), sampled in chunks of
 * a fixed size, so that image k is the same bit for bit whatever else is requested with it.
 */
public final class Generation {
    /**
     * Images per sampler call. Every call gets exactly this many (the last chunk is padded with copies of
     * its last id, dropped afterwards): a float32 network's arithmetic depends on the batch size (matrix
     * products block the batch axis differently), so a fixed size makes image k bit-identical across
     * requests on one machine and thread count. Rows of a batch do not mix, so k's position does not matter.
     */
    public static final int CHUNK = 64;

    private Generation() {}

    /** The ids from, from + 1, ..., from + n - 1. */
    public static long[] ids(long from, int n) {
        Check.atLeast("n", n, 0);
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> from + i);
        return ids;
    }

    /**
     * Samples the images with the given ids (noise stream k of {@code seed} for image k), in chunks of
     * exactly {@link #CHUNK}; float64, shape (n, C, H, W), not clipped.
     */
    public static NDArray sample(Sampler s, Denoiser d, NDManager m, Shape imageShape, long[] ids, long seed) {
        Check.atLeast("ids.length", ids.length, 1);
        NDList parts = new NDList();
        for (int from = 0; from < ids.length; from += CHUNK) {
            int n = Math.min(ids.length - from, CHUNK);
            long[] chunk = Arrays.copyOfRange(ids, from, from + CHUNK);
            Arrays.fill(chunk, n, CHUNK, ids[from + n - 1]);   // padding: copies of the last id
            NDArray x = s.sample(d, SampleRun.of(m, chunk, imageShape).seed(seed).build());
            parts.add(n == CHUNK ? x : x.get("0:" + n));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    /** EDM's deterministic sampler at 35 NFE (Heun, 18 EDM steps), the zoo's reference sampler. */
    public static NDArray heun35(Denoiser d, NDManager m, RunSpec spec, long[] ids, long seed) {
        return sample(OdeSampler.edm(18), d, m, RunSpec.sampleShape(spec.data()), ids, seed);
    }

    /** Images of shape (n, 1, H, W) in [-1, 1] as a grid with {@code cols} columns, each pixel drawn 2 x 2. */
    public static BufferedImage grid(NDArray images, int cols) {
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        return edm.show.Images.grid(rows(images), Math.max(1, (n + cols - 1) / cols), cols, h, w, 2);
    }

    /** The images as rows of pixels (first channel). */
    public static double[][] rows(NDArray images) {
        int n = (int) images.getShape().get(0);
        double[] all = images.toType(DataType.FLOAT64, false).toDoubleArray();
        int d = all.length / Math.max(1, n);
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            r[i] = Arrays.copyOfRange(all, i * d, (i + 1) * d);
        }
        return r;
    }
}
