package edm.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The 8 x 8 handwritten digits of scikit-learn (UCI "Optical Recognition of Handwritten Digits",
 * Alpaydin and Kaynak 1998): 1,797 images, pixels 0..16, labels 0..9.
 *
 * <p>Shipped in {@code data/digits/digits.csv.gz} (BSD 3-Clause, provenance in
 * {@code data/digits/README.md}). Each line holds 64 pixel counts in row-major order and the label.
 * {@link #load()} checks the file's SHA-256 against {@code data/checksums.sha256} before parsing.
 */
public final class Digits {
    /** Path of the shipped file relative to {@code data/}. */
    public static final String FILE = "digits/digits.csv.gz";
    /** Number of images. */
    public static final int COUNT = 1797;
    /** Largest pixel value: each pixel counts the set pixels of a 4 x 4 block. */
    public static final int MAX_VALUE = 16;
    /** Image side length. */
    public static final int SIDE = 8;

    private Digits() {}

    /**
     * All 1,797 digits as N x 1 x 8 x 8 images, pixel v in 0..16 scaled to x = 2 v / 16 - 1 in
     * [-1, 1], named "digits".
     *
     * @throws DataFileException when the file is missing, fails its checksum or is malformed
     */
    public static ImageSet load() {
        return load(DataPaths.data(), Checksums.load());
    }

    /** As {@link #load()}, from the given {@code data/} folder and checksum list. */
    static ImageSet load(Path dataFolder, Checksums checksums) {
        byte[] gz = checksums.readListed(dataFolder, FILE, "git checkout -- data/" + FILE);
        return parse(gz, dataFolder.resolve(FILE).toString());
    }

    private static ImageSet parse(byte[] gz, String source) {
        int dim = SIDE * SIDE;
        byte[] pixels = new byte[COUNT * dim];
        int[] labels = new int[COUNT];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(gz)), StandardCharsets.US_ASCII))) {
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                if (n >= COUNT || fields.length != dim + 1) {
                    throw new DataFileException(source + " line " + (n + 1) + ": expected " + COUNT
                            + " lines of " + (dim + 1) + " fields");
                }
                for (int j = 0; j < dim; j++) {
                    pixels[n * dim + j] = (byte) value(fields[j], MAX_VALUE, source, n);
                }
                labels[n] = value(fields[dim], 9, source, n);
                n++;
            }
            if (n != COUNT) {
                throw new DataFileException(source + " has " + n + " images, expected " + COUNT);
            }
        } catch (IOException e) {
            throw new DataFileException("cannot decompress " + source + ": " + e.getMessage(), e);
        }
        return ImageSet.fromUnsignedBytes("digits", pixels, MAX_VALUE, labels, 1, SIDE, SIDE);
    }

    private static int value(String field, int max, String source, int line) {
        try {
            int v = (int) Double.parseDouble(field.strip());
            if (v < 0 || v > max || v != Double.parseDouble(field.strip())) {
                throw new NumberFormatException("out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFileException(source + " line " + (line + 1) + ": '" + field
                    + "' is not an integer in 0.." + max, e);
        }
    }
}
