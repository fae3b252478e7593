package edm.cli;

import edm.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The output files of a command, checked before any work: nothing lost, nothing silent.
 *
 * <ul>
 *   <li>An output that is an input, or two outputs on one path, is refused (even with {@code --force}).</li>
 *   <li>An existing output is replaced only with {@code --force}.</li>
 *   <li>Every output must be writable: its folder exists and is writable, it is not a folder itself.</li>
 * </ul>
 *
 * Files are written to a temporary file beside the target and moved over it, so a failed write
 * leaves the old file (or none) in place.
 */
final class Outputs {
    private Outputs() {}

    /**
     * Checks the outputs; throws {@link UsageException} naming the option and the path on the first problem.
     *
     * @param outputs option name to path, in order
     * @param inputs  option name to path of every input file the command reads
     * @param force   whether existing outputs may be replaced
     */
    static void check(Map<String, Path> outputs, Map<String, Path> inputs, boolean force) {
        List<Map.Entry<String, Path>> seen = new ArrayList<>();
        for (var out : outputs.entrySet()) {
            String option = out.getKey();
            Path file = out.getValue();
            for (var in : inputs.entrySet()) {
                if (same(file, in.getValue())) {
                    throw new UsageException(option + " " + file + " is the " + in.getKey() + " input file;"
                            + " refusing to overwrite an input (choose another output path)");
                }
            }
            for (var other : seen) {
                if (same(file, other.getValue())) {
                    throw new UsageException(option + " " + file + " and " + other.getKey() + " " + other.getValue()
                            + " are the same file; give each output its own path");
                }
            }
            seen.add(out);
            writable(option, file, force);
        }
    }

    private static void writable(String option, Path file, boolean force) {
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + " is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + file + ": the directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new UsageException(option + " " + file + ": the directory " + parent + " is not writable");
        }
        if (Files.exists(file)) {
            if (!force) {
                throw new UsageException(option + " " + file + " exists; add --force to replace it");
            }
            if (!Files.isRegularFile(file) || !Files.isWritable(file)) {
                throw new UsageException(option + " " + file + " exists and is not a writable file");
            }
        }
    }

    /** Whether two paths name one file: the same real path, or the same absolute path when one does not exist. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the lexical comparison
        }
        return canonical(a).equals(canonical(b));
    }

    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        try {
            if (parent != null && Files.isDirectory(parent)) {
                return parent.toRealPath().resolve(abs.getFileName());
            }
        } catch (IOException e) {
            // keep the normalized absolute path
        }
        return abs;
    }

    /** Writes {@code file} through {@link AtomicFile}; an I/O failure names the option and file. */
    static void write(String option, Path file, AtomicFile.Writer writer) {
        try {
            AtomicFile.write(file, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
