package edm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MNIST-style loading path on a tiny data set this test writes into a temporary data folder. */
class IdxImageSetsTest {
    @TempDir
    Path data;

    private byte[] images;
    private byte[] labels;

    @BeforeEach
    void writeTinySet() throws IOException {
        byte[] pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 2 == 0 ? 0 : 255);
        }
        pixels[5] = (byte) 51; // 2 * 51 / 255 - 1 = -0.6
        images = Idx.write(pixels, 3, 2, 2);
        labels = Idx.write(new byte[] {4, 0, 4}, 3);
        Files.createDirectories(data.resolve("cache/tiny"));
        Files.write(data.resolve("cache/tiny/t10k-images-idx3-ubyte"), images);
        Files.write(data.resolve("cache/tiny/t10k-labels-idx1-ubyte"), labels);
    }

    private Checksums sums(byte[] imageBytes, byte[] labelBytes) {
        return Checksums.parse(Checksums.sha256(imageBytes) + "  cache/tiny/t10k-images-idx3-ubyte\n"
                + Checksums.sha256(labelBytes) + "  cache/tiny/t10k-labels-idx1-ubyte\n");
    }

    @Test
    void loadsScaledImagesAndLabels() {
        ImageSet set = IdxImageSets.load(data, sums(images, labels), "tiny", Split.TEST);
        assertEquals("tiny-test", set.name());
        assertEquals(3, set.size());
        assertEquals(4, set.dim());
        assertArrayEquals(new int[] {4, 0, 4}, set.labels());
        assertArrayEquals(new float[] {-1f, 1f, -1f, 1f}, set.image(0));
        assertEquals(2f * 51 / 255 - 1, set.image(1)[1], 1e-7);
    }

    @Test
    void corruptFileNamesFileSumAndFetchCommand() throws IOException {
        Checksums sums = sums(images, labels);
        byte[] corrupt = images.clone();
        corrupt[20] ^= 1;
        Path file = data.resolve("cache/tiny/t10k-images-idx3-ubyte");
        Files.write(file, corrupt);
        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxImageSets.load(data, sums, "tiny", Split.TEST));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(Checksums.sha256(images)), e.getMessage());
        assertTrue(e.getMessage().contains("./workbench fetch-data tiny"), e.getMessage());
    }

    @Test
    void missingSplitNamesFetchCommand() {
        Checksums sums = Checksums.parse(Checksums.sha256(images)
                + "  cache/tiny/train-images-idx3-ubyte\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxImageSets.load(data, sums, "tiny", Split.TRAIN));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte is missing"), e.getMessage());
        assertTrue(e.getMessage().endsWith("fetch it with: ./workbench fetch-data tiny"), e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        byte[] twoLabels = Idx.write(new byte[] {1, 2}, 2);
        Files.write(data.resolve("cache/tiny/t10k-labels-idx1-ubyte"), twoLabels);
        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxImageSets.load(data, sums(images, twoLabels), "tiny", Split.TEST));
        assertTrue(e.getMessage().contains("has 2 labels but"), e.getMessage());
    }
}
