package edm;

/**
 * Argument validation with messages that name the parameter, its value and the valid range.
 *
 * <p>Every public constructor and factory of the library validates its inputs through these
 * methods, so a bad value fails where it enters, e.g. {@code "rho must be > 0, got -1.0"}.
 */
public final class Check {
    private Check() {}

    /** Requires a finite value (not NaN, not infinite). */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    /** Requires {@code value > 0} and finite. */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0} and finite. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /** Requires {@code lo < value < hi} (open interval). */
    public static double open(String name, double value, double lo, double hi) {
        if (!(value > lo && value < hi)) {
            throw new IllegalArgumentException(
                    name + " must be in (" + lo + ", " + hi + "), got " + value);
        }
        return value;
    }

    /** Requires {@code lo <= value <= hi} (closed interval). */
    public static double closed(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** Requires an integer {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** Requires an integer in {@code [lo, hi]}. */
    public static int inRange(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** Requires {@code lower < upper}, naming both parameters. */
    public static void ordered(String lowerName, double lower, String upperName, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException(lowerName + " must be < " + upperName + ", got "
                    + lowerName + " = " + lower + ", " + upperName + " = " + upper);
        }
    }

    /** Requires a non-null reference. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * A notebook's numerical assertion: throws {@link IllegalStateException} ("check failed: what") when the
     * condition is false, so that a failing check stops Run All and the notebook test.
     */
    public static void that(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
