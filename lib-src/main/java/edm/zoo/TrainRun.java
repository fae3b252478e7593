package edm.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.AtomicFile;
import edm.Check;
import edm.data.Split;
import edm.denoise.Denoiser;
import edm.metric.FeatureClassifier;
import edm.nn.DenoiserNet;
import edm.show.Images;
import edm.show.Progress;
import edm.train.Checkpoint;
import edm.train.TrainLoop;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * A training run in a directory, resumable exactly:
 *
 * <pre>
 *   config.json              the {@link RunSpec} (readable back with --config FILE)
 *   training-state.ckpt      the latest full state (weights, EMA, Adam moments, step), atomic and verified
 *   model-KKKKKK.KKK.edm     the EMA weights at each snapshot, K = thousands of images seen ({@link ModelFile})
 *   grid-KKKKKK.KKK.png      64 samples of that snapshot (seeds 0-63, Heun, 18 EDM steps = 35 NFE)
 *   loss.csv                 the loss log: step, images seen, lr, gradient norm, loss and per-ln-sigma buckets
 *   status.json              state, step, images seen, speed, training seconds over all sessions, machine
 *   commands.txt             every ./workbench train command that ran in this directory, with its time
 * </pre>
 *
 * Every snapshot writes the loss rows first and the state last; on resume rows past the state's step are
 * dropped, so the log always matches the state. All random draws of training are functions of (seed, step),
 * so a resumed run repeats the straight run bit for bit.
 */
public final class TrainRun implements AutoCloseable {
    /** File names inside the run directory. */
    public static final String CONFIG = "config.json";
    public static final String STATE = "training-state.ckpt";
    public static final String LOG = "loss.csv";
    public static final String STATUS = "status.json";
    public static final String COMMANDS = "commands.txt";
    /** Samples in each snapshot's grid. */
    public static final int GRID = 64;

    private final Path dir;
    private final RunSpec spec;
    private final NDManager manager = NDManager.newBaseManager();
    private final TrainLoop loop;
    private int logged; // rows of the loop's history already in loss.csv
    private double secondsBefore; // training time of earlier sessions
    private long trainStartNanos;
    private double lastImagesPerSecond;

    private TrainRun(Path dir, RunSpec spec) {
        this.dir = dir;
        this.spec = spec;
        NDArray data = FeatureClassifier.data(spec.data(), Split.TRAIN).images(manager);
        DenoiserNet net = spec.newNet();
        this.loop = new TrainLoop(net, spec.recipeObject().loss(), data, spec.trainConfig());
        data.close();
    }

    /**
     * Starts a new run in {@code dir}, which must not exist or be empty (a run is never overwritten).
     *
     * @throws IllegalArgumentException if dir holds files
     */
    public static TrainRun create(Path dir, RunSpec spec) throws IOException {
        Check.notNull("dir", dir);
        Check.notNull("spec", spec);
        if (Files.exists(dir) && (!Files.isDirectory(dir) || hasEntries(dir))) {
            throw new IllegalArgumentException("run directory " + dir + " already exists and is not empty"
                    + " (use --resume to continue it, or choose another --run-dir)");
        }
        Files.createDirectories(dir);
        writeText(dir.resolve(CONFIG), spec.toJson());
        TrainRun run = new TrainRun(dir, spec);
        run.writeStatus("created", 0);
        return run;
    }

    /**
     * Opens an existing run at its latest checkpoint. {@code kimg}, if not null, changes the run's length
     * (to extend a finished run); nothing else of the specification can change.
     */
    public static TrainRun resume(Path dir, Double kimg) throws IOException {
        Check.notNull("dir", dir);
        Path cfg = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw new IllegalArgumentException("--resume " + dir + " is not a run directory (no " + CONFIG + ")");
        }
        RunSpec spec = RunSpec.read(cfg);
        if (kimg != null && kimg != spec.kimg()) {
            spec = spec.withKimg(kimg);
        }
        Path state = dir.resolve(STATE);
        Checkpoint c = Files.exists(state) ? Checkpoint.load(state) : null; // verified before any work
        AtomicFile.removeStaleTemporaries(state);
        TrainRun run = new TrainRun(dir, spec);
        run.secondsBefore = readSeconds(dir.resolve(STATUS));
        if (c != null) {
            run.loop.restore(c);
        }
        run.truncateLog(run.loop.stepCount());
        writeText(cfg, spec.toJson());
        return run;
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /** The run directory. */
    public Path dir() {
        return dir;
    }

    /** The specification. */
    public RunSpec spec() {
        return spec;
    }

    /** The training loop (its step count, history, EMA denoiser). */
    public TrainLoop loop() {
        return loop;
    }

    /**
     * Trains until the run's length or until {@code stop} says so (checked after every step), writing a
     * snapshot every {@code spec.snapSteps()} steps and a final one when stopping.
     *
     * @param out  where the progress bar and snapshot lines go
     * @param stop a stop request (SIGTERM, Ctrl-C); the state is saved before returning
     * @return true if the run reached its length
     */
    public boolean train(PrintStream out, BooleanSupplier stop) throws IOException {
        long total = spec.steps();
        long start = loop.stepCount();
        if (start >= total) {
            writeStatus("finished", 0);
            return true;
        }
        long t0 = System.nanoTime();
        trainStartNanos = t0;
        long lastSnap = start;
        try (Progress bar = Progress.start("training " + spec.recipe() + " on " + spec.data(), total - start, out)) {
            while (loop.stepCount() < total && !stop.getAsBoolean()) {
                double l = loop.step();
                double sec = (System.nanoTime() - t0) / 1e9;
                double ips = (loop.stepCount() - start) * spec.batch() / sec;
                bar.step("%.1f kimg  loss %.4f  %.0f img/s", kimgAt(loop.stepCount()), l, ips);
                if (loop.stepCount() % spec.snapSteps() == 0 || loop.stepCount() == total) {
                    snapshot(out, ips);
                    lastSnap = loop.stepCount();
                }
            }
        }
        if (loop.stepCount() != lastSnap) {
            double sec = (System.nanoTime() - t0) / 1e9;
            saveState((loop.stepCount() - start) * spec.batch() / sec);
            out.printf(Locale.ROOT, "stopped at step %d (%.1f kimg); state saved in %s%n", loop.stepCount(),
                    kimgAt(loop.stepCount()), dir.resolve(STATE));
        }
        boolean done = loop.stepCount() >= total;
        writeStatus(done ? "finished" : "stopped", 0);
        secondsBefore = trainSeconds();
        trainStartNanos = 0;
        return done;
    }

    private double kimgAt(long step) {
        return step * (double) spec.batch() / 1000;
    }

    /** Writes loss rows, model file, sample grid, state and status for the current step. */
    public void snapshot(PrintStream out, double imagesPerSecond) throws IOException {
        String tag = String.format(Locale.ROOT, "%010.3f", kimgAt(loop.stepCount()));
        Path model = dir.resolve("model-" + tag + ModelFile.EXTENSION);
        Checkpoint c = loop.checkpoint();
        ModelFile.ofCheckpoint(spec, c).save(model);
        Path grid = dir.resolve("grid-" + tag + ".png");
        Denoiser d = loop.emaDenoiser();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Generation.heun35(d, m, spec, Generation.ids(0, GRID), 0);
            AtomicFile.write(grid, Images.png(Generation.grid(x, 8)));
        }
        appendLog();
        c.save(dir.resolve(STATE));
        writeStatus("running", imagesPerSecond);
        out.printf(Locale.ROOT, "%nsnapshot at %.1f kimg: %s, %s%n", kimgAt(loop.stepCount()), model.getFileName(),
                grid.getFileName());
    }

    private void saveState(double imagesPerSecond) throws IOException {
        appendLog();
        loop.save(dir.resolve(STATE));
        writeStatus("stopped", imagesPerSecond);
    }

    private void appendLog() throws IOException {
        Table h = loop.history();
        Path log = dir.resolve(LOG);
        StringBuilder b = new StringBuilder();
        if (!Files.exists(log)) {
            b.append(String.join(",", h.columnNames())).append('\n');
        }
        for (int r = logged; r < h.rowCount(); r++) {
            Row row = h.row(r);
            List<String> cells = new ArrayList<>();
            for (String col : h.columnNames()) {
                Object v = row.getObject(col);
                cells.add(v instanceof Double dv ? (Double.isNaN(dv) ? "" : Double.toString(dv)) : String.valueOf(v));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        logged = h.rowCount();
        Files.writeString(log, b, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private void truncateLog(long step) throws IOException {
        Path log = dir.resolve(LOG);
        if (!Files.exists(log)) {
            return;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> keep = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == 0 || (!l.isBlank() && Long.parseLong(l.substring(0, l.indexOf(','))) <= step)) {
                keep.add(l);
            }
        }
        if (keep.size() != lines.size()) {
            writeText(log, String.join("\n", keep) + "\n");
        }
    }

    private void writeStatus(String state, double imagesPerSecond) throws IOException {
        if (imagesPerSecond > 0) {
            lastImagesPerSecond = imagesPerSecond;
        }
        Table h = loop.history();
        double last = h.rowCount() == 0 ? Double.NaN : h.doubleColumn("loss").get(h.rowCount() - 1);
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("state", state);
        m.put("step", loop.stepCount());
        m.put("steps", spec.steps());
        m.put("kimg", kimgAt(loop.stepCount()));
        m.put("kimgTotal", spec.kimg());
        m.put("imagesPerSecond", Math.round(lastImagesPerSecond * 10) / 10.0);
        m.put("trainSeconds", Math.round(trainSeconds()));
        m.put("lastLoss", Double.isNaN(last) ? null : last);
        m.put("machine", Machine.describe());
        m.put("updated", Instant.now().toString());
        writeText(dir.resolve(STATUS), new com.google.gson.GsonBuilder().setPrettyPrinting().serializeNulls().create()
                .toJson(m) + "\n");
    }

    /** Seconds spent in {@link #train} over all sessions of this run (from status.json). */
    public double trainSeconds() {
        return secondsBefore + (trainStartNanos == 0 ? 0 : (System.nanoTime() - trainStartNanos) / 1e9);
    }

    private static double readSeconds(Path status) {
        try {
            var o = com.google.gson.JsonParser.parseString(Files.readString(status)).getAsJsonObject();
            return o.has("trainSeconds") ? o.get("trainSeconds").getAsDouble() : 0;
        } catch (IOException | RuntimeException e) {
            return 0; // no or unreadable status: the time of earlier sessions is unknown
        }
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a line (the command that ran, with the time) to the run's commands.txt. */
    public void recordCommand(String line) throws IOException {
        Files.writeString(dir.resolve(COMMANDS), Instant.now() + "  " + line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The newest model file of a run directory, or null if it has none. */
    public static Path latestModel(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("model-[0-9.]+\\" + ModelFile.EXTENSION))
                    .max(java.util.Comparator.comparingDouble(TrainRun::kimgOf)).orElse(null);
        }
    }

    private static double kimgOf(Path model) {
        String n = model.getFileName().toString();
        return Double.parseDouble(n.substring("model-".length(), n.length() - ModelFile.EXTENSION.length()));
    }

    @Override
    public void close() {
        loop.close();
        manager.close();
    }
}
