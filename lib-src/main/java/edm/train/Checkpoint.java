package edm.train;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import edm.Check;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The full state of a training run: weights, EMA weights, Adam moments and update count, step, seed
 * and batch size (all random draws of {@link TrainLoop} are functions of seed and step, so these are its
 * random state).
 *
 * <p><b>File format</b> (no Java serialization):
 *
 * <pre>
 *   8 bytes   magic "EDMCKPT1"
 *   4 bytes   header length H, int32 little-endian
 *   H bytes   header, UTF-8 JSON: {"architecture", "step", "seed", "batchSize", "adamT",
 *             "tensors": [{"group": "weights"|"ema"|"adamM"|"adamV", "name", "shape": [...]}, ...]}
 *   payload   each tensor's float32 values, little-endian, row-major, in header order
 *  32 bytes   SHA-256 of all bytes before it
 * </pre>
 *
 * Files are written atomically (temporary file in the same folder, fsync, atomic rename) and the
 * checksum is verified on load.
 *
 * @param architecture the network's {@code architecture()} string
 * @param step         steps done
 * @param seed         the run's seed
 * @param batchSize    the run's batch size
 * @param adamT        Adam's update count
 * @param weights      the weights
 * @param ema          the EMA weights
 * @param adamM        Adam's first moments
 * @param adamV        Adam's second moments
 * @param source       the file it was loaded from, or null
 */
public record Checkpoint(String architecture, long step, long seed, int batchSize, long adamT, List<Tensor> weights,
        List<Tensor> ema, List<Tensor> adamM, List<Tensor> adamV, Path source) {
    private static final byte[] MAGIC = "EDMCKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final String[] GROUPS = {"weights", "ema", "adamM", "adamV"};

    /** Validates the arguments. */
    public Checkpoint {
        Check.notNull("architecture", architecture);
        Check.notNull("weights", weights);
        Check.notNull("ema", ema);
        Check.notNull("adamM", adamM);
        Check.notNull("adamV", adamV);
        if (ema.size() != weights.size() || adamM.size() != weights.size() || adamV.size() != weights.size()) {
            throw new IllegalArgumentException("ema, adamM and adamV must have weights.size() = " + weights.size()
                    + " tensors, got " + ema.size() + ", " + adamM.size() + ", " + adamV.size());
        }
        weights = List.copyOf(weights);
        ema = List.copyOf(ema);
        adamM = List.copyOf(adamM);
        adamV = List.copyOf(adamV);
    }

    /**
     * One named float32 tensor.
     *
     * @param name   parameter name
     * @param shape  shape
     * @param values row-major values
     */
    public record Tensor(String name, long[] shape, float[] values) {
        /** A copy of an NDArray's values. */
        public static Tensor of(String name, NDArray a) {
            return new Tensor(name, a.getShape().getShape(), a.toFloatArray());
        }

        /** Writes the values into {@code target}, whose shape must equal this one. */
        void copyInto(NDArray target, Checkpoint from) {
            from.requireMatch("shape of " + name, Arrays.toString(target.getShape().getShape()), Arrays.toString(shape));
            edm.nn.Init.copyInto(target, values);
        }
    }

    /** Throws IllegalStateException naming the file, the item and both values if they differ. */
    void requireMatch(String what, Object expected, Object found) {
        if (!expected.equals(found)) {
            throw new IllegalStateException("checkpoint " + (source == null ? "(in memory)" : source) + " does not match: "
                    + what + " expected " + expected + ", found " + found);
        }
    }

    private record Entry(String group, String name, long[] shape) {}

    private record Header(String architecture, long step, long seed, int batchSize, long adamT, List<Entry> tensors) {}

    /** Writes the checkpoint to {@code file} atomically (temporary file, fsync, atomic rename). */
    public void save(Path file) throws IOException {
        Check.notNull("file", file);
        List<Entry> entries = new ArrayList<>();
        List<List<Tensor>> groups = List.of(weights, ema, adamM, adamV);
        long floats = 0;
        for (int g = 0; g < GROUPS.length; g++) {
            for (Tensor t : groups.get(g)) {
                entries.add(new Entry(GROUPS[g], t.name(), t.shape()));
                floats += t.values().length;
            }
        }
        byte[] header = new Gson().toJson(new Header(architecture, step, seed, batchSize, adamT, entries))
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + header.length + 4 * floats + 32))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(header.length).put(header);
        for (List<Tensor> group : groups) {
            for (Tensor t : group) {
                buf.asFloatBuffer().put(t.values());
                buf.position(buf.position() + 4 * t.values().length);
            }
        }
        buf.put(sha256(buf.array(), buf.position()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads and verifies a checkpoint file.
     *
     * @throws IOException naming the file on a bad magic, a checksum mismatch or a malformed layout
     */
    public static Checkpoint load(Path file) throws IOException {
        Check.notNull("file", file);
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 4 + 32 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException("not a checkpoint file (bad magic or too short): " + file);
        }
        int body = all.length - 32;
        byte[] stored = Arrays.copyOfRange(all, body, all.length);
        byte[] computed = sha256(all, body);
        if (!MessageDigest.isEqual(stored, computed)) {
            throw new IOException("checkpoint " + file + " is corrupt: SHA-256 mismatch, stored "
                    + HexFormat.of().formatHex(stored) + ", computed " + HexFormat.of().formatHex(computed));
        }
        ByteBuffer buf = ByteBuffer.wrap(all, 0, body).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(MAGIC.length);
        int hlen = buf.getInt();
        Header h;
        try {
            h = new Gson().fromJson(new String(all, buf.position(), hlen, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException | IndexOutOfBoundsException e) {
            throw new IOException("checkpoint " + file + " has a malformed header: " + e.getMessage(), e);
        }
        buf.position(buf.position() + hlen);
        List<List<Tensor>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Entry e : h.tensors()) {
            long n = 1;
            for (long d : e.shape()) {
                n *= d;
            }
            if (n < 0 || 4 * n > buf.remaining()) {
                throw new IOException("checkpoint " + file + ": tensor " + e.name() + " of shape "
                        + Arrays.toString(e.shape()) + " runs past the end of the payload");
            }
            float[] v = new float[(int) n];
            buf.asFloatBuffer().get(v);
            buf.position(buf.position() + 4 * v.length);
            int g = Arrays.asList(GROUPS).indexOf(e.group());
            if (g < 0) {
                throw new IOException("checkpoint " + file + ": unknown tensor group " + e.group());
            }
            groups.get(g).add(new Tensor(e.name(), e.shape(), v));
        }
        if (buf.hasRemaining()) {
            throw new IOException("checkpoint " + file + ": " + buf.remaining() + " bytes left after the tensors");
        }
        return new Checkpoint(h.architecture(), h.step(), h.seed(), h.batchSize(), h.adamT(), groups.get(0),
                groups.get(1), groups.get(2), groups.get(3), file);
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
