package edm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    /** Writes a 3 x 2 x 4 image file by hand (not through Idx.write) and reads it back. */
    @Test
    void readsHandWrittenImageFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + 24);
        b.putInt(0x00000803).putInt(3).putInt(2).putInt(4);
        for (int i = 0; i < 24; i++) {
            b.put((byte) (i * 11));
        }
        Path file = dir.resolve("images-idx3-ubyte");
        Files.write(file, b.array());

        Idx.Images images = Idx.readImages(Files.readAllBytes(file), file.toString());
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.cols());
        assertEquals(0, images.pixel(0, 0, 0));
        assertEquals(11 * 5, images.pixel(0, 1, 1));
        assertEquals(11 * 23 % 256, images.pixel(2, 1, 3)); // 253: unsigned, not -3
    }

    @Test
    void readsLabelsAsUnsignedBytes() {
        byte[] bytes = {0, 0, 8, 1, 0, 0, 0, 4, 7, 0, 9, (byte) 200};
        assertArrayEquals(new int[] {7, 0, 9, 200}, Idx.readLabels(bytes, "labels"));
    }

    @Test
    void writeThenReadRoundTrips() {
        byte[] pixels = new byte[2 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (255 - i);
        }
        Idx.Images images = Idx.readImages(Idx.write(pixels, 2, 3, 3), "round trip");
        assertArrayEquals(pixels, images.pixels());
        assertArrayEquals(new int[] {1, 2, 3}, Idx.readLabels(Idx.write(new byte[] {1, 2, 3}, 3), "l"));
    }

    @Test
    void rejectsLabelFileReadAsImages() {
        byte[] labels = Idx.write(new byte[] {1, 2, 3}, 3);
        DataFileException e =
                assertThrows(DataFileException.class, () -> Idx.readImages(labels, "t10k-labels"));
        assertEquals("IDX file t10k-labels has magic number 0x00000801, expected 0x00000803"
                + " (unsigned-byte images, rank 3)", e.getMessage());
    }

    @Test
    void rejectsLittleEndianHeader() {
        byte[] bytes = Idx.write(new byte[4], 4);
        byte[] swapped = {1, 8, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(bytes.length, swapped.length);
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readLabels(swapped, "le"));
        assertTrue(e.getMessage().contains("0x01080000"), e.getMessage());
    }

    @Test
    void rejectsTruncatedData() {
        byte[] good = Idx.write(new byte[2 * 4 * 4], 2, 4, 4);
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        DataFileException e =
                assertThrows(DataFileException.class, () -> Idx.readImages(truncated, "cut"));
        assertEquals("IDX file cut has 47 bytes, its header [2, 4, 4] implies 48", e.getMessage());
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] good = Idx.write(new byte[3], 3);
        byte[] longer = Arrays.copyOf(good, good.length + 5);
        assertThrows(DataFileException.class, () -> Idx.readLabels(longer, "long"));
    }

    @Test
    void rejectsShortHeaderAndZeroDimension() {
        DataFileException shortHeader = assertThrows(DataFileException.class,
                () -> Idx.readImages(new byte[] {0, 0, 8, 3, 0, 0, 0, 1}, "short"));
        assertTrue(shortHeader.getMessage().contains("too short"), shortHeader.getMessage());

        byte[] zero = ByteBuffer.allocate(16).putInt(0x803).putInt(0).putInt(28).putInt(28).array();
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(zero, "z"));
        assertEquals("IDX file z has dimension 0 = 0, must be > 0", e.getMessage());
    }

    @Test
    void rejectsHugeDeclaredSize() {
        byte[] huge = ByteBuffer.allocate(16).putInt(0x803).putInt(1 << 20).putInt(1 << 10)
                .putInt(1 << 10).array();
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.readImages(huge, "h"));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    @Test
    void writeValidatesItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idx.write(new byte[5], 2, 3));
        assertEquals("data.length must equal the product of dims = 6, got 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Idx.write(new byte[0], 0));
    }
}
