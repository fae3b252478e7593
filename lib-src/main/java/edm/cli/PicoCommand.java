package edm.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A {@link Command} whose options are declared with picocli annotations on a fresh object per run:
 * typed options and generated help; a bad command line becomes a {@link UsageException} (one
 * {@code error:} line, exit 2, before any work) whose message names the option.
 */
final class PicoCommand implements Command {
    /** A picocli command object that also receives the output stream. */
    interface Body extends Callable<Integer> {
        void out(PrintStream out);
    }

    private final Supplier<? extends Body> factory;
    private final CommandLine.Command spec;

    PicoCommand(Supplier<? extends Body> factory) {
        this.factory = factory;
        Body probe = factory.get();
        this.spec = probe.getClass().getAnnotation(CommandLine.Command.class);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String description() {
        return String.join(" ", spec.description());
    }

    @Override
    public String usage() {
        return commandLine(factory.get()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    private static CommandLine commandLine(Body body) {
        CommandLine cl = new CommandLine(body);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExpandAtFiles(false); // "@name" is a value, never a file of arguments
        cl.getCommandSpec().usageMessage().synopsisHeading("usage: ");
        return cl;
    }

    @Override
    public int run(String[] args, PrintStream out) {
        Body body = factory.get();
        CommandLine cl = commandLine(body);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(message(e));
        }
        body.out(out);
        try {
            return body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** picocli's message, reworded to name the option first, on one line. */
    static String message(CommandLine.ParameterException e) {
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> unmatched = e instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched()
                : e.getCommandLine().getUnmatchedArguments(); // a stray argument matters more than a missing option
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            if (first.startsWith("-")) {
                String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
                return "unknown option " + name + " (valid: " + optionNames(spec) + ")";
            }
            return "unexpected argument '" + first + "' (options are --name value)";
        }
        if (e instanceof CommandLine.OverwrittenOptionException o) {
            return "option " + name(o.getOverwritten()) + " given twice";
        }
        if (e instanceof CommandLine.MissingParameterException m) {
            List<ArgSpec> missing = m.getMissing();
            String names = missing.stream().map(PicoCommand::name).collect(Collectors.joining(", "));
            if (e.getMessage().startsWith("Missing required option")) {
                return "option " + names + " is required";
            }
            return "option " + names + " needs a value";
        }
        ArgSpec arg = e.getArgSpec();
        if (arg != null && e.getValue() != null && e.getCause() instanceof CommandLine.TypeConversionException) {
            Class<?> type = arg.type();
            String what = type == int.class || type == Integer.class || type == long.class || type == Long.class
                    ? "an integer" + range(type) : type == double.class || type == Double.class ? "a number" : "valid";
            return "option " + name(arg) + " must be " + what + ", got '" + e.getValue() + "'";
        }
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : msg.strip().split("\n")[0];
    }

    private static String range(Class<?> type) {
        return type == int.class || type == Integer.class ? " (32-bit)" : " (64-bit)";
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }

    private static String optionNames(CommandLine.Model.CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName).sorted()
                .collect(Collectors.joining(", "));
    }
}
