package edm.cli;

import java.io.PrintStream;

/** One command-line experiment, registered by name in {@link Main#COMMANDS}. */
public interface Command {
    /** The name typed after the program, e.g. {@code sigmas}. */
    String name();

    /** One line for the command list. */
    String description();

    /** The usage text: synopsis and options, one per line. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @param out  where results go
     * @return the exit status (0 on success)
     * @throws UsageException       for a bad command line
     * @throws IllegalArgumentException for a value the library rejects
     */
    int run(String[] args, PrintStream out);
}
