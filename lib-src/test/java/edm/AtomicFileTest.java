package edm;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheWholeFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("a.bin");
        AtomicFile.write(f, new byte[] {1, 2, 3});
        AtomicFile.write(f, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the target remains");
        }
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("keep.txt");
        AtomicFile.write(f, "old".getBytes());
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void staleTemporariesOfThisFileOnlyAreRemoved() throws IOException {
        Path f = dir.resolve("state.ckpt");
        Path stale = Files.writeString(dir.resolve("state.ckpt8123.tmp"), "killed save");
        Path other = Files.writeString(dir.resolve("other.ckpt8123.tmp"), "not ours");
        Path notDigits = Files.writeString(dir.resolve("state.ckpt-x.tmp"), "not ours either");
        AtomicFile.removeStaleTemporaries(f);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other) && Files.exists(notDigits));
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path f = dir.resolve("x/y/z.txt");
        AtomicFile.write(f, "z".getBytes());
        assertEquals("z", Files.readString(f));
    }
}
