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
 * NumPy's .npy format, version 1.0, for float64 arrays (float32 is read too): the magic "\x93NUMPY", the
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

    /** An array read from a .npy file: shape and row-major values. */
    public record Array(long[] shape, double[] values) {
        /** The number of rows (the first dimension). */
        public int rows() {
            return shape.length == 0 ? 1 : (int) shape[0];
        }
    }

    /** Writes an array of any shape (row-major values) as float64. */
    public static void write(Path file, long[] shape, double[] values) throws IOException {
        Check.notNull("file", file);
        long n = 1;
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            n *= d;
            dims.append(d).append(", ");
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " needs " + n
                    + " values, got " + values.length);
        }
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + (shape.length == 1
                ? shape[0] + "," : dims.substring(0, Math.max(0, dims.length() - 2))) + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(total + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : values) buf.putDouble(v);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(buf.array());
        }
    }

    /**
     * Reads a C-order float64 ('<f8') or float32 ('<f4') .npy file of version 1.x.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static Array read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 10 || (all[0] & 0xff) != 0x93 || all[1] != 'N' || all[2] != 'U' || all[3] != 'M'
                || all[4] != 'P' || all[5] != 'Y' || all[6] != 1) {
            throw new IOException(file + ": not a version-1 .npy file");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int hlen = buf.getShort(8) & 0xffff;
        if (10 + hlen > all.length) {
            throw new IOException(file + ": header runs past the end of the file");
        }
        String h = new String(all, 10, hlen, StandardCharsets.US_ASCII);
        java.util.regex.Matcher descr = java.util.regex.Pattern.compile("'descr':\\s*'([^']*)'").matcher(h);
        java.util.regex.Matcher shape = java.util.regex.Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(h);
        if (!descr.find() || !shape.find() || h.contains("'fortran_order': True")) {
            throw new IOException(file + ": unsupported header " + h.trim() + " (need C order, <f8 or <f4)");
        }
        int width = switch (descr.group(1)) {
            case "<f8" -> 8;
            case "<f4" -> 4;
            default -> throw new IOException(file + ": dtype " + descr.group(1) + " is not <f8 or <f4");
        };
        String[] parts = shape.group(1).split(",");
        java.util.List<Long> dims = new java.util.ArrayList<>();
        long n = 1;
        for (String part : parts) {
            if (!part.isBlank()) {
                long d = Long.parseLong(part.trim());
                dims.add(d);
                n = Math.multiplyExact(n, d);
            }
        }
        int start = 10 + hlen;
        if ((long) width * n != all.length - start) {
            throw new IOException(file + ": shape " + dims + " needs " + width * n + " data bytes, file has "
                    + (all.length - start));
        }
        double[] v = new double[(int) n];
        buf.position(start);
        for (int i = 0; i < n; i++) {
            v[i] = width == 8 ? buf.getDouble() : buf.getFloat();
        }
        return new Array(dims.stream().mapToLong(Long::longValue).toArray(), v);
    }
}
