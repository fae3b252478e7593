package edm.data;

/**
 * A data file is missing, unreadable, fails its SHA-256 check, or is malformed.
 *
 * <p>The message names the file and, where the file has a listed checksum, the expected SHA-256
 * and the command that restores it, so that a notebook cell's error says how to fix it.
 */
public class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public DataFileException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
