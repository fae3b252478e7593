package edm.zoo;

import edm.Check;
import edm.data.DataPaths;
import edm.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped models in {@code data/models/}: {@code NAME.edm} (a {@link ModelFile}), {@code NAME.edm.sha256}
 * (its checksum, as sha256sum prints it) and {@code NAME.md} (the model card: the command that trained it,
 * images seen, time, machine, scores). A model reference on the command line is a zoo name, a model file,
 * a training checkpoint inside a run directory, or a run directory (its newest model: the last snapshot, or the
 * EMA weights of its training state when that is newer).
 */
public final class Zoo {
    private Zoo() {}

    /** The zoo's folder. */
    public static Path dir() {
        return DataPaths.data().resolve("models");
    }

    /** The names of the shipped models. */
    public static List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(dir())) {
            try (var s = Files.list(dir())) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ModelFile.EXTENSION))
                        .map(n -> n.substring(0, n.length() - ModelFile.EXTENSION.length())).sorted().forEach(names::add);
            }
        }
        return names;
    }

    /**
     * Loads the model a reference names. A zoo model's checksum file is verified as well as the file's own.
     *
     * @throws IllegalArgumentException if the reference names nothing loadable (listing the zoo's names)
     * @throws IOException              naming the file if it is unreadable or corrupt
     */
    public static ModelFile load(String ref) throws IOException {
        Check.notNull("ref", ref);
        Path p = Path.of(ref);
        if (Files.isDirectory(p)) {
            Path model = TrainRun.latestModel(p);
            ModelFile snapshot = model == null ? null : ModelFile.load(model);
            if (Files.isRegularFile(p.resolve(TrainRun.STATE)) && Files.isRegularFile(p.resolve(TrainRun.CONFIG))) {
                ModelFile state = ofState(p.resolve(TrainRun.STATE));
                if (snapshot == null || state.step() > snapshot.step()) {
                    return state; // a run stopped between snapshots: its state is newer than its last model file
                }
            }
            if (snapshot != null) {
                return snapshot;
            }
            throw new IllegalArgumentException("model " + ref + " is a directory without model-*.edm or "
                    + TrainRun.STATE);
        }
        if (Files.isRegularFile(p)) {
            return ref.endsWith(".ckpt") ? ofState(p) : ModelFile.load(p);
        }
        Path zoo = dir().resolve(ref + ModelFile.EXTENSION);
        if (!ref.contains("/") && Files.isRegularFile(zoo)) {
            verifySidecar(zoo);
            return ModelFile.load(zoo);
        }
        List<String> shipped = names();
        throw new IllegalArgumentException("model must be a zoo name (" + (shipped.isEmpty() ? "none shipped yet"
                : String.join(", ", shipped)) + "), a .edm file, a run directory or its " + TrainRun.STATE + "; got '" + ref + "'");
    }

    /** The EMA weights of a run directory's training checkpoint (config.json beside it). */
    private static ModelFile ofState(Path state) throws IOException {
        Path cfg = state.toAbsolutePath().resolveSibling(TrainRun.CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw new IllegalArgumentException("checkpoint " + state + " has no " + TrainRun.CONFIG + " beside it");
        }
        return ModelFile.ofCheckpoint(RunSpec.read(cfg), Checkpoint.load(state));
    }

    /** Checks {@code file}'s SHA-256 against {@code file.sha256}, if present. */
    static void verifySidecar(Path file) throws IOException {
        Path side = file.resolveSibling(file.getFileName() + ".sha256");
        if (!Files.exists(side)) {
            return;
        }
        String want = Files.readString(side).trim().split("\\s+")[0];
        String got = edm.train.SealedFile.sha256Hex(file);
        if (!want.equalsIgnoreCase(got)) {
            throw new IOException("model " + file + " does not match " + side.getFileName() + ": expected " + want
                    + ", computed " + got);
        }
    }

    /** Writes {@code model} as entry {@code name} of the zoo folder {@code zoo}, with its checksum file. */
    public static Path ship(ModelFile model, String name, Path zoo) throws IOException {
        Path file = zoo.resolve(name + ModelFile.EXTENSION);
        model.save(file);
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha256"),
                edm.train.SealedFile.sha256Hex(file) + "  " + file.getFileName() + "\n");
        return file;
    }
}
