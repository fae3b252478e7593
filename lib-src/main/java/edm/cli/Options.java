package edm.cli;

import edm.Check;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value} pairs, checked against the options a command accepts. Every error is a
 * {@link UsageException} whose message names the option.
 */
public final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses args as {@code --name value} pairs. A value may start with a single '-' (negative numbers).
     *
     * @param args    the arguments
     * @param allowed accepted names, without the leading "--"
     * @throws UsageException for an unknown or repeated option, a missing value, or a stray argument
     */
    public static Options parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (options are --name value)");
            }
            String name = arg.substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name + " (valid: " + list(allowed) + ")");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (values.put(name, args[++i]) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new Options(values);
    }

    private static String list(Set<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : new TreeSet<>(names)) {
            b.append(b.length() == 0 ? "--" : ", --").append(n);
        }
        return b.toString();
    }

    /** Whether the option was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names given, in order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The string value, or the default when absent. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value, which must be one of choices. */
    public String choice(String name, String fallback, Set<String> choices) {
        String v = string(name, fallback);
        if (v == null) {
            throw new UsageException("option --" + name + " is required (one of " + String.join(", ", choices) + ")");
        }
        if (!choices.contains(v)) {
            throw new UsageException("option --" + name + " must be one of " + String.join(", ", choices)
                    + ", got '" + v + "'");
        }
        return v;
    }

    /** An integer value >= min; required when fallback is null. */
    public int integer(String name, Integer fallback, int min) {
        String v = values.get(name);
        if (v == null) {
            if (fallback == null) {
                throw new UsageException("option --" + name + " is required");
            }
            return fallback;
        }
        int x;
        try {
            x = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be an integer, got '" + v + "'");
        }
        return checked(() -> Check.atLeast("--" + name, x, min));
    }

    /** A finite real value > 0. */
    public double positive(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a number, got '" + v + "'");
        }
        return checked(() -> Check.positive("--" + name, x));
    }

    /** Rejects options that were given but do not apply in the current context. */
    public void rejectAllBut(Set<String> applicable, String context) {
        for (String n : values.keySet()) {
            if (!applicable.contains(n)) {
                throw new UsageException("option --" + n + " does not apply to " + context);
            }
        }
    }

    private static <T> T checked(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
