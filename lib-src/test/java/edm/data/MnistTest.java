package edm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * MNIST and Fashion-MNIST from the data cache; each test is skipped when its files have not been
 * fetched ({@code ./workbench fetch-data all}).
 */
class MnistTest {
    private static void assumeFetched(String name, Split split) {
        Path file = DataPaths.cache().resolve(name).resolve(split.imagesFile());
        assumeTrue(Files.exists(file), file + " not fetched; run ./workbench fetch-data " + name);
    }

    /** Checks count, N x 1 x 28 x 28 float32 shape, exact range [-1, 1], mean and histogram. */
    private static void check(ImageSet set, int count, double meanIn01, int[] histogram) {
        assertEquals(count, set.size());
        assertEquals(784, set.dim());
        assertArrayEquals(histogram, set.labelCounts());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = set.images(manager);
            assertEquals(new Shape(count, 1, 28, 28), x.getShape());
            assertEquals(DataType.FLOAT32, x.getDataType());
            assertEquals(-1f, x.min().getFloat());
            assertEquals(1f, x.max().getFloat());
            // Mean pixel intensity in [0, 1], a well-known normalization constant, mapped to 2 m - 1.
            assertEquals(2 * meanIn01 - 1, x.mean().getFloat(), 2e-4);
            assertEquals(count, set.labels(manager).getShape().get(0));
        }
    }

    @Test
    void mnistTrain() {
        assumeFetched(Mnist.NAME, Split.TRAIN);
        check(Mnist.load(Split.TRAIN), 60_000, 0.1306605,
                new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949});
    }

    @Test
    void mnistTest() {
        assumeFetched(Mnist.NAME, Split.TEST);
        check(Mnist.load(Split.TEST), 10_000, 0.1325140,
                new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});
    }

    @Test
    void fashionTrain() {
        assumeFetched(FashionMnist.NAME, Split.TRAIN);
        int[] sixThousand = new int[10];
        java.util.Arrays.fill(sixThousand, 6000);
        check(FashionMnist.load(Split.TRAIN), 60_000, 0.2860406, sixThousand);
    }

    @Test
    void fashionTest() {
        assumeFetched(FashionMnist.NAME, Split.TEST);
        int[] thousand = new int[10];
        java.util.Arrays.fill(thousand, 1000);
        check(FashionMnist.load(Split.TEST), 10_000, 0.2868489, thousand);
    }
}
