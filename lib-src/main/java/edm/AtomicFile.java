package edm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes that never leave a half-written file under the final name: the content goes to a
 * temporary sibling (file name + digits + ".tmp"), is forced to disk, then renamed over the target
 * (atomically where the file system can). A write that is killed leaves only the temporary, which
 * {@link #removeStaleTemporaries} deletes on the next start. Every file the library saves goes through here.
 */
public final class AtomicFile {
    /** The suffix of temporaries. */
    public static final String TMP_SUFFIX = ".tmp";

    private AtomicFile() {}

    /** Something that writes a whole file at the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    /** Replaces {@code file} with {@code bytes}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Check.notNull("bytes", bytes);
        write(file, tmp -> Files.write(tmp, bytes));
    }

    /** Lets {@code writer} fill a temporary sibling of {@code file}, then moves it over {@code file}. */
    public static void write(Path file, Writer writer) throws IOException {
        Path abs = Check.notNull("file", file).toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), TMP_SUFFIX);
        try {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true); // the rename must not reach the disk before the content
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes temporaries of earlier, killed writes to {@code file} (named file + digits + ".tmp"); others stay. */
    public static void removeStaleTemporaries(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = file.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TMP_SUFFIX)
                    && n.substring(prefix.length(), n.length() - TMP_SUFFIX.length()).matches("[0-9]+");
        })) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }
}
