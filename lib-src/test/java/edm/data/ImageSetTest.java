package edm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    private static final byte[] VALUES = {0, 8, 16, 4, 12, 16, 0, 0};

    private static ImageSet twoImages() {
        return ImageSet.fromUnsignedBytes("t", VALUES, 16, new int[] {3, 1}, 1, 2, 2);
    }

    @Test
    void scalesZeroToMinusOneAndMaxToOne() {
        ImageSet set = twoImages();
        assertArrayEquals(new float[] {-1f, 0f, 1f, -0.5f}, set.image(0));
        assertArrayEquals(new float[] {0.5f, 1f, -1f, -1f}, set.image(1));
        assertArrayEquals(new double[] {0.5, 1, -1, -1}, set.rows()[1]);
        assertArrayEquals(new int[] {0, 1, 0, 1}, set.labelCounts());
    }

    @Test
    void tensorsAreMadeInTheCallersManager() {
        ImageSet set = twoImages();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = set.images(manager);
            assertEquals(new Shape(2, 1, 2, 2), x.getShape());
            assertEquals(manager, x.getManager());
            assertArrayEquals(new float[] {-1f, 0f, 1f, -0.5f, 0.5f, 1f, -1f, -1f}, x.toFloatArray());
            assertArrayEquals(new int[] {3, 1}, set.labels(manager).toIntArray());
        }
    }

    @Test
    void headAndCopiesAreIndependent() {
        ImageSet set = twoImages();
        ImageSet head = set.head(1);
        assertEquals(1, head.size());
        assertEquals("t[:1]", head.name());
        set.labels()[0] = 99;
        set.image(0)[0] = 5f;
        assertEquals(3, set.label(0));
        assertEquals(-1f, set.image(0)[0]);
    }

    @Test
    void validatesShapesAndRanges() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.fromUnsignedBytes("t", VALUES, 16, new int[] {3}, 1, 2, 2));
        assertEquals("pixel count must be labels.length * channels * height * width = 4, got 8",
                shape.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.fromUnsignedBytes("t", VALUES, 15, new int[] {3, 1}, 1, 2, 2));
        assertEquals("values[2] must be in [0, 15], got 16", range.getMessage());
        IllegalArgumentException scaled = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.of("t", new float[] {0f, 1.5f}, new int[] {0}, 1, 1, 2));
        assertEquals("pixels[1] must be in [-1.0, 1.0], got 1.5", scaled.getMessage());
    }
}
