package edm.data;

import edm.Check;
import java.nio.file.Path;

/**
 * Loads one split of an MNIST-style data set from verified IDX files in the data cache.
 *
 * <p>Shared by {@link Mnist} and {@link FashionMnist}: both keep the four files
 * {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte} uncompressed in {@code data/cache/<name>/},
 * listed in {@code data/checksums.sha256} as {@code cache/<name>/<file>}.
 */
final class IdxImageSets {
    private IdxImageSets() {}

    /**
     * Reads, verifies and scales split {@code split} of data set {@code name}.
     *
     * @param dataFolder the {@code data/} folder
     * @param checksums the expected SHA-256 sums
     * @param name the cache folder and fetch-data argument, e.g. "mnist"
     * @return N x 1 x H x W images scaled by x = 2 v / 255 - 1, named {@code name-train|test}
     */
    static ImageSet load(Path dataFolder, Checksums checksums, String name, Split split) {
        Check.notNull("split", split);
        String fetch = DataPaths.fetchCommand(name);
        String imagesPath = "cache/" + name + "/" + split.imagesFile();
        String labelsPath = "cache/" + name + "/" + split.labelsFile();
        Idx.Images images = Idx.readImages(checksums.readListed(dataFolder, imagesPath, fetch),
                imagesPath);
        int[] labels = Idx.readLabels(checksums.readListed(dataFolder, labelsPath, fetch),
                labelsPath);
        if (labels.length != images.count()) {
            throw new DataFileException("data/" + labelsPath + " has " + labels.length
                    + " labels but data/" + imagesPath + " has " + images.count() + " images");
        }
        return ImageSet.fromUnsignedBytes(name + "-" + split.name().toLowerCase(java.util.Locale.ROOT),
                images.pixels(), 255, labels, 1, images.rows(), images.cols());
    }
}
