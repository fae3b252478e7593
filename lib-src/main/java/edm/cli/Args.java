package edm.cli;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Checks of option values after picocli has parsed them; every failure is a {@link UsageException}
 * naming the option, its value and the valid range.
 */
final class Args {
    private Args() {}

    /** The value, which must be one of {@code choices}. */
    static String choice(String option, String value, Collection<String> choices) {
        if (!choices.contains(value)) {
            throw new UsageException(option + " must be one of " + String.join(", ", new TreeSet<>(choices))
                    + ", got '" + value + "'");
        }
        return value;
    }

    /** An integer in [lo, hi]. */
    static int intRange(String option, int value, int lo, int hi) {
        if (value < lo) {
            throw new UsageException(option + " must be >= " + lo + ", got " + value);
        }
        if (value > hi) {
            throw new UsageException(option + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** A finite value &gt; 0, or the fallback when the option was not given. */
    static double positive(String option, Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new UsageException(option + " must be > 0 and finite, got " + value);
        }
        return value;
    }

    /** A finite value &gt;= 0, or the fallback when the option was not given. */
    static double nonNegative(String option, Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new UsageException(option + " must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /** A finite value in [lo, hi], or the fallback when the option was not given. */
    static double closed(String option, Double value, double lo, double hi, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= lo && value <= hi)) {
            throw new UsageException(option + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }
}
