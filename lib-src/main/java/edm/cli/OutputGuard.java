package edm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks an output path before any work: not an input, not a directory, in an existing writable folder,
 * and not an existing file unless {@code --force} was given. Nothing is overwritten without being asked.
 */
final class OutputGuard {
    private OutputGuard() {}

    static void check(String option, Path out, boolean force, List<Path> inputs) {
        for (Path in : inputs) {
            if (in != null && same(out, in)) {
                throw new UsageException(option + " " + out + " is an input of this command; choose another path");
            }
        }
        if (Files.isDirectory(out)) {
            throw new UsageException(option + " " + out + " is a directory; give a file name");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + out + ": folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException(option + " " + out + ": folder " + dir + " is not writable");
        }
        if (Files.exists(out) && !force) {
            throw new UsageException(option + " " + out + " exists; add --force to replace it");
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the textual comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
