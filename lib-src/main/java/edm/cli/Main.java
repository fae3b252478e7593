package edm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single entry point of the command-line experiments: {@code Main <command> [--name value ...]}.
 * Exit status 0 on success, 2 for a bad command line (one line {@code error: <message>} on stderr,
 * before any work: options, values and output files are all checked first), 1 for an I/O failure
 * while writing or a sampler that diverged (one {@code error:} line as well). Existing output files are replaced only with
 * {@code --force}; an output that is an input, or two outputs on one path, are always refused.
 */
public final class Main {
    /** The registry; adding a command is one line here. */
    static final List<Command> COMMANDS = List.of(
            new PicoCommand(SigmasCommand::new),
            new PicoCommand(SampleCommand::new),
            new PicoCommand(SweepCommand::new),
            new PicoCommand(TrainCommand::new),
            new PicoCommand(GenerateCommand::new),
            new PicoCommand(EvalCommand::new),
            new PicoCommand(ShipCommand::new));

    private Main() {}

    /** Runs and exits with the status of {@link #run}. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Commands by name, in registration order. */
    public static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : COMMANDS) {
            m.put(c.name(), c);
        }
        return m;
    }

    /**
     * Dispatches on args[0]. No args or --help prints the command list (status 0); an unknown command
     * is one {@code error:} line naming the commands (status 2); {@code <command> --help} prints its usage.
     *
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            printCommands(out);
            return 0;
        }
        Command c = commands().get(args[0]);
        if (c == null) {
            err.println("error: unknown command '" + args[0] + "' (commands: " + String.join(", ", commands().keySet())
                    + "; --help lists them)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help")) {
            out.println(c.usage());
            return 0;
        }
        try {
            return c.run(rest, out);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + oneLine(e.getMessage()));
            return 2;
        } catch (java.io.UncheckedIOException | edm.sample.SamplingDivergedException e) {
            err.println("error: " + oneLine(e.getMessage()));
            return 1;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replace('\n', ' ');
    }

    private static void printCommands(PrintStream s) {
        s.println("usage: ./workbench <command> [--option value ...]   (./workbench <command> --help for its options)");
        s.println("commands:");
        for (Command c : COMMANDS) {
            s.printf("  %-10s %s%n", c.name(), c.description());
        }
    }
}
