package edm.metric;

import edm.Check;

/** Shape checks shared by the metrics: a feature set is n rows of d finite doubles. */
final class Features {
    private Features() {}

    /**
     * Returns d after checking that {@code x} has at least {@code minRows} rows, all of the same
     * length d >= 1 and with finite entries.
     */
    static int dim(String name, double[][] x, int minRows) {
        Check.notNull(name, x);
        if (x.length < minRows) {
            throw new IllegalArgumentException(name + " must have at least " + minRows
                    + " rows, got " + x.length);
        }
        if (x.length == 0) return 0;
        Check.notNull(name + "[0]", x[0]);
        int d = x[0].length;
        if (d < 1) throw new IllegalArgumentException(name + " rows must not be empty");
        for (int i = 0; i < x.length; i++) {
            Check.notNull(name + "[" + i + "]", x[i]);
            if (x[i].length != d) {
                throw new IllegalArgumentException(name + " rows must all have length " + d
                        + ", row " + i + " has " + x[i].length);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j
                            + "] must be finite, got " + x[i][j]);
                }
            }
        }
        return d;
    }

    /** Checks that two feature sets have the same dimension and returns it. */
    static int sameDim(String aName, double[][] a, String bName, double[][] b, int minRows) {
        int da = dim(aName, a, minRows);
        int db = dim(bName, b, minRows);
        if (da != db) {
            throw new IllegalArgumentException(aName + " and " + bName
                    + " must have the same dimension, got " + da + " and " + db);
        }
        return da;
    }
}
