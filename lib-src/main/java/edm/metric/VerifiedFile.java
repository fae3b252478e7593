package edm.metric;

import edm.AtomicFile;
import edm.data.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file with a SHA-256 sidecar ({@code <file>.sha256}, in {@code sha256sum} format): written
 * atomically (temporary file in the same folder, then an atomic move) and read only when the
 * content matches the sidecar.
 */
final class VerifiedFile {
    private VerifiedFile() {}

    /** The sidecar path, {@code <file>.sha256}. */
    static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    /** Writes {@code bytes} to {@code file}, then its sidecar, each atomically. */
    static void write(Path file, byte[] bytes) throws IOException {
        AtomicFile.write(file, bytes);
        String line = Checksums.sha256(bytes) + "  " + file.getFileName() + "\n";
        AtomicFile.write(sidecar(file), line.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The content of {@code file} if it and its sidecar exist and the SHA-256 matches; empty when
     * either is missing, unreadable or the sums differ (a corrupt or half-written cache).
     */
    static Optional<byte[]> readIfValid(Path file) {
        try {
            if (!Files.isRegularFile(file) || !Files.isRegularFile(sidecar(file))) {
                return Optional.empty();
            }
            String[] fields = Files.readString(sidecar(file), StandardCharsets.US_ASCII).strip()
                    .split("\\s+");
            byte[] bytes = Files.readAllBytes(file);
            if (fields.length < 1 || !fields[0].equalsIgnoreCase(Checksums.sha256(bytes))) {
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
