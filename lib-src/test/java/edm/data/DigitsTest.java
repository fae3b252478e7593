package edm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped 8 x 8 digits; always runs. */
class DigitsTest {
    private static ImageSet digits;

    @BeforeAll
    static void load() {
        digits = Digits.load();
    }

    @Test
    void hasTheKnownCountAndClassSizes() {
        assertEquals(1797, digits.size());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180},
                digits.labelCounts());
    }

    @Test
    void pixelsAreScaledToMinusOneToOne() {
        double[][] rows = digits.rows();
        assertEquals(1797, rows.length);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double[] row : rows) {
            assertEquals(64, row.length);
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                // v = 2 k / 16 - 1 for an integer k in 0..16
                double k = (v + 1) * 8;
                assertEquals(Math.rint(k), k, 1e-6);
            }
        }
        assertEquals(-1.0, min);
        assertEquals(1.0, max);
    }

    @Test
    void firstImageMatchesTheFirstCsvLine() {
        // digits.csv.gz line 1: 0,0,5,13,9,1,0,0,... label 0
        assertEquals(0, digits.label(0));
        float[] first = digits.image(0);
        assertEquals(-1f, first[0]);
        assertEquals(2f * 5 / 16 - 1, first[2]);
        assertEquals(2f * 13 / 16 - 1, first[3]);
        assertEquals(2f * 9 / 16 - 1, first[4]);
    }

    @Test
    void ndArraysHaveImageAndLabelShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = digits.images(manager);
            assertEquals(new Shape(1797, 1, 8, 8), x.getShape());
            assertEquals(DataType.FLOAT32, x.getDataType());
            assertEquals(-1f, x.min().getFloat());
            assertEquals(1f, x.max().getFloat());
            assertEquals(new Shape(1797, 64), digits.flat(manager).getShape());
            NDArray y = digits.labels(manager);
            assertEquals(DataType.INT32, y.getDataType());
            assertArrayEquals(digits.labels(), y.toIntArray());
        }
    }

    @Test
    void tamperedFileIsRejectedWithItsExpectedSum(@TempDir Path data) throws IOException {
        Path copy = data.resolve(Digits.FILE);
        Files.createDirectories(copy.getParent());
        byte[] bytes = Files.readAllBytes(DataPaths.data().resolve(Digits.FILE));
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(copy, bytes);
        Checksums sums = Checksums.load();
        DataFileException e = assertThrows(DataFileException.class, () -> Digits.load(data, sums));
        assertTrue(e.getMessage().contains(copy.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(sums.expected(Digits.FILE)), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout -- data/digits/digits.csv.gz"), e.getMessage());
    }
}
