package edm.data;

import edm.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The expected SHA-256 sums of data files, and reading a file only if it matches.
 *
 * <p>The list uses the format of {@code sha256sum}: one line per file, 64 hexadecimal digits, two
 * spaces (or a space and {@code *}), then the path relative to the {@code data/} folder, e.g.
 * {@code 46ab...464a  digits/digits.csv.gz}. Blank lines and lines starting with {@code #} are
 * ignored. {@code cd data && sha256sum -c checksums.sha256} checks the same list from a shell.
 */
public final class Checksums {
    private final Map<String, String> sums;

    private Checksums(Map<String, String> sums) {
        this.sums = Collections.unmodifiableMap(sums);
    }

    /** The list at {@link DataPaths#checksums()}. */
    public static Checksums load() {
        return load(DataPaths.checksums());
    }

    /** The list in file {@code list}; throws {@link DataFileException} if it is missing or malformed. */
    public static Checksums load(Path list) {
        Check.notNull("list", list);
        try {
            return parse(Files.readString(list));
        } catch (NoSuchFileException e) {
            throw new DataFileException("checksum list " + list + " is missing; set -D"
                    + DataPaths.HOME_PROPERTY + " or " + DataPaths.HOME_ENV
                    + " to the workbench root", e);
        } catch (IOException e) {
            throw new DataFileException("cannot read checksum list " + list + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of a checksum list. */
    public static Checksums parse(String text) {
        Check.notNull("text", text);
        Map<String, String> sums = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}") || parts[1].isBlank()) {
                throw new DataFileException("checksum list line " + (i + 1)
                        + " is not '<64 hex digits>  <path>': " + line);
            }
            sums.put(parts[1].strip(), parts[0].toLowerCase(java.util.Locale.ROOT));
        }
        return new Checksums(sums);
    }

    /** All entries, path relative to {@code data/} to lower-case hexadecimal SHA-256. */
    public Map<String, String> entries() {
        return sums;
    }

    /** The expected SHA-256 of {@code relativePath}; throws {@link DataFileException} if unlisted. */
    public String expected(String relativePath) {
        String sum = sums.get(Check.notNull("relativePath", relativePath));
        if (sum == null) {
            throw new DataFileException("no SHA-256 listed for data/" + relativePath
                    + "; listed: " + sums.keySet());
        }
        return sum;
    }

    /** Lower-case hexadecimal SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * Reads {@code file} whole and returns its bytes if their SHA-256 equals {@code expected}.
     *
     * @param file the file to read
     * @param expected lower-case hexadecimal SHA-256 the content must have
     * @param howToRestore the command that fetches or restores the file, quoted in the message
     * @throws DataFileException naming the file, the expected SHA-256 and {@code howToRestore}
     *     when the file is missing, unreadable or different
     */
    public static byte[] readVerified(Path file, String expected, String howToRestore) {
        Check.notNull("file", file);
        Check.notNull("expected", expected);
        Check.notNull("howToRestore", howToRestore);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException("data file " + file + " is missing (expected SHA-256 "
                    + expected + "); fetch it with: " + howToRestore, e);
        } catch (IOException e) {
            throw new DataFileException("cannot read data file " + file + " (expected SHA-256 "
                    + expected + "): " + e.getMessage() + "; fetch it again with: " + howToRestore, e);
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new DataFileException("data file " + file + " is corrupt: SHA-256 is " + actual
                    + ", expected " + expected + "; delete it and fetch it again with: "
                    + howToRestore);
        }
        return bytes;
    }

    /**
     * Reads {@code data/<relativePath>} verified against this list.
     *
     * @see #readVerified(Path, String, String)
     */
    public byte[] readListed(Path dataFolder, String relativePath, String howToRestore) {
        Check.notNull("dataFolder", dataFolder);
        return readVerified(dataFolder.resolve(relativePath), expected(relativePath), howToRestore);
    }
}
