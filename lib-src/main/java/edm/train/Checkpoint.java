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
    private static final String MAGIC = "EDMCKPT1";
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
        List<Entry> entries = new ArrayList<>();
        List<float[]> arrays = new ArrayList<>();
        List<List<Tensor>> groups = List.of(weights, ema, adamM, adamV);
        for (int g = 0; g < GROUPS.length; g++) {
            for (Tensor t : groups.get(g)) {
                entries.add(new Entry(GROUPS[g], t.name(), t.shape()));
                arrays.add(t.values());
            }
        }
        String header = new Gson().toJson(new Header(architecture, step, seed, batchSize, adamT, entries));
        SealedFile.write(file, MAGIC, header, arrays);
    }

    /**
     * Reads and verifies a checkpoint file.
     *
     * @throws IOException naming the file on a bad magic, a checksum mismatch, a malformed layout or a
     *     header field that is missing or out of range
     */
    public static Checkpoint load(Path file) throws IOException {
        SealedFile.Contents c = SealedFile.read(file, MAGIC, "checkpoint");
        Header h;
        try {
            h = new Gson().fromJson(c.header(), Header.class);
        } catch (JsonParseException e) {
            throw new IOException("checkpoint " + file + " has a malformed header: " + e.getMessage(), e);
        }
        if (h == null || h.architecture() == null || h.tensors() == null) {
            throw new IOException("checkpoint " + file + ": header field " + (h == null ? "(all)"
                    : h.architecture() == null ? "architecture" : "tensors") + " is missing");
        }
        requireField(file, "step", h.step() >= 0, h.step());
        requireField(file, "batchSize", h.batchSize() >= 1, h.batchSize());
        requireField(file, "adamT", h.adamT() >= 0, h.adamT());
        List<List<Tensor>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Entry e : h.tensors()) {
            if (e == null || e.name() == null || e.shape() == null) {
                throw new IOException("checkpoint " + file + ": a tensor entry lacks its name or shape");
            }
            int g = Arrays.asList(GROUPS).indexOf(e.group());
            if (g < 0) {
                throw new IOException("checkpoint " + file + ": unknown tensor group " + e.group());
            }
            long n = 1;
            for (long d : e.shape()) {
                requireField(file, "shape of " + e.name(), d >= 0, Arrays.toString(e.shape()));
                n = Math.multiplyExact(n, d);
            }
            groups.get(g).add(new Tensor(e.name(), e.shape(), c.floats(n, "tensor " + e.name())));
        }
        c.requireConsumed();
        try {
            return new Checkpoint(h.architecture(), h.step(), h.seed(), h.batchSize(), h.adamT(), groups.get(0),
                    groups.get(1), groups.get(2), groups.get(3), file);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requireField(Path file, String field, boolean ok, Object value) throws IOException {
        if (!ok) {
            throw new IOException("checkpoint " + file + ": header field " + field + " is out of range: " + value);
        }
    }
}
