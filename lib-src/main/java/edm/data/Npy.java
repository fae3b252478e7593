package edm.data;

import edm.Check;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A writer of NumPy's .npy format, version 1.0, for float64 matrices: the magic "\x93NUMPY", the
 * version bytes 1 0, a little-endian uint16 header length, an ASCII header dict
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (n, d), }} padded with spaces and a
 * newline so that the data start at a multiple of 64 bytes, then the values row-major as
 * little-endian IEEE doubles. {@code numpy.load} reads it back.
 */
public final class Npy {
    private Npy() {}

    /** Writes the n x d matrix {@code rows} (all rows of equal length) to {@code file}. */
    public static void write(Path file, double[][] rows) throws IOException {
        Check.notNull("file", file);
        Check.notNull("rows", rows);
        int d = rows.length == 0 ? 0 : rows[0].length;
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows.length + ", " + d + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(total + 8 * rows.length * d).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("rows must all have " + d + " values, row " + i + " has "
                        + rows[i].length);
            }
            for (double v : rows[i]) buf.putDouble(v);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(buf.array());
        }
    }
}
