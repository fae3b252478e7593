package edm.data;

import edm.Check;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reader of the IDX format of LeCun's MNIST files (and Fashion-MNIST), restricted to unsigned bytes.
 *
 * <p>An IDX file is a big-endian header followed by the data in row-major order:
 * <pre>
 *   bytes 0..3   magic = 0x00 0x00 type rank   (type 0x08 = unsigned byte)
 *   then rank    32-bit big-endian dimension sizes d_1 .. d_rank
 *   then         d_1 * ... * d_rank unsigned bytes
 * </pre>
 * Images have magic {@value #IMAGES_MAGIC} ({@code 0x00000803}: unsigned bytes, rank 3,
 * count x rows x columns); labels have magic {@value #LABELS_MAGIC} ({@code 0x00000801}: unsigned
 * bytes, rank 1). The reader checks the magic, that every dimension is positive, and that the file
 * length equals header plus data exactly, and throws {@link DataFileException} otherwise.
 */
public final class Idx {
    /** Magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /**
     * The images of an IDX image file.
     *
     * @param count number of images N
     * @param rows image height H
     * @param cols image width W
     * @param pixels N*H*W unsigned bytes in row-major order (values 0..255 as {@code b & 0xFF})
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        /** Pixel value 0..255 of image {@code n} at row {@code r}, column {@code c}. */
        public int pixel(int n, int r, int c) {
            return pixels[(n * rows + r) * cols + c] & 0xFF;
        }
    }

    /**
     * Parses an image file's bytes.
     *
     * @param bytes the whole file
     * @param source the file name, quoted in error messages
     * @throws DataFileException if the header is not an unsigned-byte rank-3 header or the length
     *     does not match
     */
    public static Images readImages(byte[] bytes, String source) {
        int[] dims = header(bytes, source, IMAGES_MAGIC);
        byte[] pixels = new byte[bytes.length - headerLength(3)];
        System.arraycopy(bytes, headerLength(3), pixels, 0, pixels.length);
        return new Images(dims[0], dims[1], dims[2], pixels);
    }

    /**
     * Parses a label file's bytes into labels 0..255.
     *
     * @param bytes the whole file
     * @param source the file name, quoted in error messages
     * @throws DataFileException if the header is not an unsigned-byte rank-1 header or the length
     *     does not match
     */
    public static int[] readLabels(byte[] bytes, String source) {
        int[] dims = header(bytes, source, LABELS_MAGIC);
        int[] labels = new int[dims[0]];
        int offset = headerLength(1);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = bytes[offset + i] & 0xFF;
        }
        return labels;
    }

    /**
     * Encodes unsigned bytes as an IDX file with the given dimensions (the inverse of the readers;
     * useful for tests and for writing subsets).
     *
     * @param data the values, row-major, length equal to the product of {@code dims}
     * @param dims 1 to 3 positive dimension sizes
     */
    public static byte[] write(byte[] data, int... dims) {
        Check.notNull("data", data);
        Check.notNull("dims", dims);
        Check.closed("dims.length", dims.length, 1, 3);
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            size *= Check.atLeast("dims[" + i + "]", dims[i], 1);
        }
        if (size != data.length) {
            throw new IllegalArgumentException("data.length must equal the product of dims = " + size
                    + ", got " + data.length);
        }
        ByteBuffer out = ByteBuffer.allocate(headerLength(dims.length) + data.length)
                .order(ByteOrder.BIG_ENDIAN);
        out.putInt(0x00000800 | dims.length);
        for (int d : dims) {
            out.putInt(d);
        }
        out.put(data);
        return out.array();
    }

    private static int headerLength(int rank) {
        return 4 + 4 * rank;
    }

    private static int[] header(byte[] bytes, String source, int expectedMagic) {
        Check.notNull("bytes", bytes);
        int rank = expectedMagic & 0xFF;
        if (bytes.length < 4) {
            throw new DataFileException("IDX file " + source + " is too short for its header: "
                    + bytes.length + " bytes, need at least " + headerLength(rank));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int magic = in.getInt();
        if (magic != expectedMagic) {
            throw new DataFileException(String.format(
                    "IDX file %s has magic number 0x%08X, expected 0x%08X (%s)", source, magic,
                    expectedMagic, expectedMagic == IMAGES_MAGIC ? "unsigned-byte images, rank 3"
                            : "unsigned-byte labels, rank 1"));
        }
        if (bytes.length < headerLength(rank)) {
            throw new DataFileException("IDX file " + source + " is too short for its header: "
                    + bytes.length + " bytes, need at least " + headerLength(rank));
        }
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.getInt();
            if (dims[i] <= 0) {
                throw new DataFileException("IDX file " + source + " has dimension " + i + " = "
                        + dims[i] + ", must be > 0");
            }
            size *= dims[i];
            if (size > Integer.MAX_VALUE) {
                throw new DataFileException("IDX file " + source + " declares more than "
                        + Integer.MAX_VALUE + " values");
            }
        }
        long expectedLength = headerLength(rank) + size;
        if (bytes.length != expectedLength) {
            throw new DataFileException("IDX file " + source + " has " + bytes.length
                    + " bytes, its header " + java.util.Arrays.toString(dims) + " implies "
                    + expectedLength);
        }
        return dims;
    }
}
