package edm.cli;

/** A bad command line; {@link Main} prints {@code error: <message>} and exits with status 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the offending option or argument */
    public UsageException(String message) {
        super(message);
    }
}
