package edm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    /** SHA-256 of the ASCII bytes "abc" (FIPS 180-2, appendix B.1). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void sha256MatchesTheStandardTestVector() {
        assertEquals(ABC, Checksums.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void parsesSha256sumFormat() {
        Checksums sums = Checksums.parse("# comment\n\n" + ABC + "  cache/x/a\n"
                + ABC.toUpperCase() + " *b.bin\n");
        assertEquals(ABC, sums.expected("cache/x/a"));
        assertEquals(ABC, sums.expected("b.bin"));
        DataFileException e = assertThrows(DataFileException.class, () -> sums.expected("c"));
        assertTrue(e.getMessage().contains("data/c"), e.getMessage());
        assertThrows(DataFileException.class, () -> Checksums.parse("abc  file\n"));
    }

    @Test
    void readsAMatchingFile() throws IOException {
        Path file = dir.resolve("a");
        Files.writeString(file, "abc");
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII),
                Checksums.readVerified(file, ABC, "fetch a"));
    }

    @Test
    void corruptFileMessageNamesFileExpectedSumAndCommand() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.writeString(file, "abd");
        DataFileException e = assertThrows(DataFileException.class,
                () -> Checksums.readVerified(file, ABC, "./workbench fetch-data mnist"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + ABC), e.getMessage());
        assertTrue(e.getMessage().contains(Checksums.sha256("abd".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(e.getMessage().endsWith("./workbench fetch-data mnist"), e.getMessage());
    }

    @Test
    void missingFileMessageNamesFileExpectedSumAndCommand() {
        Path file = dir.resolve("absent");
        DataFileException e = assertThrows(DataFileException.class,
                () -> Checksums.readVerified(file, ABC, "./workbench fetch-data mnist"));
        assertEquals("data file " + file + " is missing (expected SHA-256 " + ABC
                + "); fetch it with: ./workbench fetch-data mnist", e.getMessage());
    }

    @Test
    void shippedListCoversEveryDataFile() {
        Checksums sums = Checksums.load();
        assertEquals(9, sums.entries().size());
        for (String name : new String[] {Mnist.NAME, FashionMnist.NAME}) {
            for (Split split : Split.values()) {
                sums.expected("cache/" + name + "/" + split.imagesFile());
                sums.expected("cache/" + name + "/" + split.labelsFile());
            }
        }
        sums.expected(Digits.FILE);
    }
}
