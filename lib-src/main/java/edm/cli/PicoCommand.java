package edm.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * A {@link Command} whose options are declared with picocli annotations on a fresh object per run:
 * typed options and generated help; a bad command line becomes a {@link UsageException} (one
 * {@code error:} line, exit 2, before any work).
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
        return new CommandLine(factory.get()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    @Override
    public int run(String[] args, PrintStream out) {
        Body body = factory.get();
        CommandLine cl = new CommandLine(body);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
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
}
