package edm.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.Check;
import java.util.Arrays;

/**
 * A labelled set of N images of C x H x W pixels scaled to [-1, 1], held in Java memory.
 *
 * <p>Pixels are stored once, as a flat {@code float[]} in N x C x H x W row-major order, so an
 * ImageSet owns no native memory and needs no closing. Tensors are made on demand in a manager the
 * caller owns and closes, which keeps NDManager lifetimes in the caller's hands:
 * <pre>{@code
 * ImageSet digits = Digits.load();
 * try (NDManager m = NDManager.newBaseManager()) {
 *     NDArray x = digits.images(m);   // N x 1 x 8 x 8, float32
 *     NDArray y = digits.labels(m);   // N, int32
 * }
 * }</pre>
 *
 * <p>Integer pixel values v in 0..v_max are mapped by x = 2 v / v_max - 1, so 0 becomes -1 and
 * v_max becomes +1 (v_max = 255 for MNIST, 16 for the 8x8 digits).
 */
public final class ImageSet {
    private final String name;
    private final float[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;

    private ImageSet(String name, float[] pixels, int[] labels, int channels, int height, int width) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * An image set from pixels already scaled to [-1, 1].
     *
     * @param name a display name, e.g. "mnist-train"
     * @param pixels N*C*H*W values in [-1, 1], row-major N x C x H x W (copied)
     * @param labels N labels (copied)
     * @param channels C >= 1
     * @param height H >= 1
     * @param width W >= 1
     */
    public static ImageSet of(String name, float[] pixels, int[] labels, int channels, int height,
            int width) {
        Check.notNull("pixels", pixels);
        checkShape(name, pixels.length, labels, channels, height, width);
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= -1f && pixels[i] <= 1f)) {
                throw new IllegalArgumentException(
                        "pixels[" + i + "] must be in [-1.0, 1.0], got " + pixels[i]);
            }
        }
        return new ImageSet(name, pixels.clone(), labels.clone(), channels, height, width);
    }

    /**
     * An image set from unsigned integer pixels v in 0..maxValue, scaled by x = 2 v / maxValue - 1.
     *
     * @param name a display name
     * @param values N*C*H*W unsigned bytes (read as {@code b & 0xFF}), row-major
     * @param maxValue v_max, the value that maps to +1 (255 for 8-bit images)
     * @param labels N labels (copied)
     */
    public static ImageSet fromUnsignedBytes(String name, byte[] values, int maxValue, int[] labels,
            int channels, int height, int width) {
        Check.notNull("values", values);
        Check.closed("maxValue", maxValue, 1, 255);
        float[] scaled = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int v = values[i] & 0xFF;
            if (v > maxValue) {
                throw new IllegalArgumentException(
                        "values[" + i + "] must be in [0, " + maxValue + "], got " + v);
            }
            scaled[i] = 2f * v / maxValue - 1f;
        }
        checkShape(name, values.length, labels, channels, height, width);
        return new ImageSet(name, scaled, labels.clone(), channels, height, width);
    }

    private static void checkShape(String name, int length, int[] labels, int channels, int height,
            int width) {
        Check.notNull("name", name);
        Check.notNull("labels", labels);
        long dim = (long) Check.atLeast("channels", channels, 1) * Check.atLeast("height", height, 1)
                * Check.atLeast("width", width, 1);
        if (labels.length * dim != length) {
            throw new IllegalArgumentException("pixel count must be labels.length * channels * height"
                    + " * width = " + labels.length * dim + ", got " + length);
        }
    }

    /** The display name, e.g. "mnist-train". */
    public String name() {
        return name;
    }

    /** N, the number of images. */
    public int size() {
        return labels.length;
    }

    /** C, channels per image. */
    public int channels() {
        return channels;
    }

    /** H, rows per image. */
    public int height() {
        return height;
    }

    /** W, columns per image. */
    public int width() {
        return width;
    }

    /** D = C * H * W, values per image. */
    public int dim() {
        return channels * height * width;
    }

    /** Label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** All N labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** How many images carry each label 0..max label (index = label). */
    public int[] labelCounts() {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] counts = new int[max + 1];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Image {@code i} as D values in [-1, 1], C x H x W row-major (a copy). */
    public float[] image(int i) {
        Check.closed("i", i, 0, size() - 1);
        return Arrays.copyOfRange(pixels, i * dim(), (i + 1) * dim());
    }

    /** The first {@code n} images and labels as a new set named {@code name + "[:n]"}. */
    public ImageSet head(int n) {
        Check.closed("n", n, 0, size());
        return new ImageSet(name + "[:" + n + "]", Arrays.copyOf(pixels, n * dim()),
                Arrays.copyOf(labels, n), channels, height, width);
    }

    /** The images as an N x C x H x W float32 array in {@code manager} (the caller closes it). */
    public NDArray images(NDManager manager) {
        return manager.create(pixels, new Shape(size(), channels, height, width));
    }

    /** The images as an N x D float32 array, one flattened image per row, in {@code manager}. */
    public NDArray flat(NDManager manager) {
        return manager.create(pixels, new Shape(size(), dim()));
    }

    /** The labels as an N int32 array in {@code manager}. */
    public NDArray labels(NDManager manager) {
        return manager.create(labels);
    }

    /** The images as N rows of D doubles in [-1, 1], for code that works on plain arrays. */
    public double[][] rows() {
        int d = dim();
        double[][] rows = new double[size()][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = pixels[i * d + j];
            }
        }
        return rows;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images of " + channels + " x " + height + " x " + width
                + ", pixels in [-1, 1]";
    }
}
