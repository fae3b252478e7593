package edm.train;

import edm.AtomicFile;
import edm.Check;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The container of checkpoints and model files: an 8-byte magic, a UTF-8 JSON header (int32 little-endian
 * length first), float32 little-endian payload arrays in header order, and the SHA-256 of everything before
 * it. Written atomically (temporary file in the same folder, fsync, atomic rename); temporary files left by
 * a save that was killed are removed by the next save to the same path. Never Java serialization.
 */
public final class SealedFile {
    private SealedFile() {}

    /** A verified file: its JSON header and a little-endian view of its payload. */
    public record Contents(Path file, String header, ByteBuffer payload) {
        /** Reads the next n floats of the payload, or throws IOException naming the file and the item. */
        public float[] floats(long n, String item) throws IOException {
            if (n < 0 || 4 * n > payload.remaining()) {
                throw new IOException(file + ": " + item + " (" + n + " floats) runs past the end of the payload");
            }
            float[] v = new float[(int) n];
            payload.asFloatBuffer().get(v);
            payload.position(payload.position() + 4 * v.length);
            return v;
        }

        /** Throws IOException naming the file if payload bytes are left over. */
        public void requireConsumed() throws IOException {
            if (payload.hasRemaining()) {
                throw new IOException(file + ": " + payload.remaining() + " bytes left after the tensors");
            }
        }
    }

    /** Writes magic, header and arrays to {@code file} atomically. */
    public static void write(Path file, String magic, String header, List<float[]> arrays) throws IOException {
        Check.notNull("file", file);
        byte[] m = magicBytes(magic);
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        long floats = 0;
        for (float[] a : arrays) {
            floats += a.length;
        }
        long size = m.length + 4L + h.length + 4 * floats + 32;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("file would be " + size + " bytes, more than 2 GB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(m).putInt(h.length).put(h);
        for (float[] a : arrays) {
            buf.asFloatBuffer().put(a);
            buf.position(buf.position() + 4 * a.length);
        }
        buf.put(sha256(buf.array(), buf.position()));
        AtomicFile.removeStaleTemporaries(file);
        AtomicFile.write(file, buf.array());
    }

    /**
     * Reads and verifies a file.
     *
     * @throws IOException naming the file on a wrong magic, a checksum mismatch or a truncated header
     */
    public static Contents read(Path file, String magic, String what) throws IOException {
        Check.notNull("file", file);
        byte[] m = magicBytes(magic);
        byte[] all = Files.readAllBytes(file);
        if (all.length < m.length + 4 + 32 || !Arrays.equals(Arrays.copyOf(all, m.length), m)) {
            throw new IOException("not a " + what + " file (bad magic or too short): " + file);
        }
        int body = all.length - 32;
        byte[] stored = Arrays.copyOfRange(all, body, all.length);
        byte[] computed = sha256(all, body);
        if (!MessageDigest.isEqual(stored, computed)) {
            throw new IOException(what + " " + file + " is corrupt: SHA-256 mismatch, stored "
                    + HexFormat.of().formatHex(stored) + ", computed " + HexFormat.of().formatHex(computed));
        }
        ByteBuffer buf = ByteBuffer.wrap(all, 0, body).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(m.length);
        int hlen = buf.getInt();
        if (hlen < 0 || hlen > buf.remaining()) {
            throw new IOException(what + " " + file + ": header length " + hlen + " runs past the end of the file");
        }
        String header = new String(all, buf.position(), hlen, StandardCharsets.UTF_8);
        buf.position(buf.position() + hlen);
        return new Contents(file, header, buf.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The hex SHA-256 of a whole file (as sha256sum prints it). */
    public static String sha256Hex(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return HexFormat.of().formatHex(sha256(all, all.length));
    }

    private static byte[] magicBytes(String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (m.length != 8) {
            throw new IllegalArgumentException("magic must be 8 ASCII bytes, got '" + magic + "'");
        }
        return m;
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
