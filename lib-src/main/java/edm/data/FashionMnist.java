package edm.data;

/**
 * Zalando's Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence): 28 x 28 grey images of 10
 * clothing classes, 60,000 for training and 10,000 for testing, a drop-in replacement for MNIST.
 *
 * <p>Not shipped with the workbench. {@code ./workbench fetch-data fashion-mnist}
 * ({@code environment/fetch-data.sh fashion-mnist}) takes the gzipped IDX files from the Debian
 * package {@code dataset-fashion-mnist} and places them, uncompressed, in
 * {@code data/cache/fashion-mnist/}; {@link #load} checks each file's SHA-256 against
 * {@code data/checksums.sha256} before parsing it.
 */
public final class FashionMnist {
    /** The name of the data set's cache folder and of the fetch-data argument. */
    public static final String NAME = "fashion-mnist";

    /** Class names by label 0..9. */
    public static final java.util.List<String> CLASSES = java.util.List.of("T-shirt/top", "Trouser",
            "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    /**
     * One split as N x 1 x 28 x 28 images, pixel v in 0..255 scaled to x = 2 v / 255 - 1 in [-1, 1].
     *
     * @throws DataFileException naming the file, its expected SHA-256 and
     *     {@code ./workbench fetch-data fashion-mnist} when a file is missing or corrupt
     */
    public static ImageSet load(Split split) {
        return IdxImageSets.load(DataPaths.data(), Checksums.load(), NAME, split);
    }
}
