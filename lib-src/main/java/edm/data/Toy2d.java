package edm.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import edm.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Two-dimensional toy distributions defined by formula, following the definitions of FFJORD's
 * {@code toy_data.py} (Grathwohl et al. 2019), which build on scikit-learn's generators.
 *
 * <p>Every generator draws from {@code new java.util.Random(seed)}, whose algorithm the Java
 * specification fixes, so the same (n, seed) gives bit-identical points on every JVM. The numbers
 * differ from NumPy's for the same seed (a different generator); the distributions are the same.
 * Below, u ~ U[0, 1) and z ~ N(0, 1) are fresh independent draws. Sets built from fixed parts
 * (moons, circles, pinwheel, two spirals) return their rows in a seeded random order.
 *
 * <p>Look a set up by name with {@link #byName(String)}: "swissroll", "moons", "8gaussians",
 * "checkerboard", "pinwheel", "2spirals", "circles" (case, spaces, '-' and '_' are ignored; the
 * constant names such as "TWO_SPIRALS" work too).
 */
public enum Toy2d {
    /**
     * Swiss roll: scikit-learn's {@code make_swiss_roll(noise = 1.0)}, columns x and z, divided by 5.
     * With t = 1.5 pi (1 + 2 u): (x, y) = (t cos t + z_1, t sin t + z_2) / 5.
     */
    SWISSROLL("swissroll", "swiss-roll") {
        @Override
        void fill(double[][] out, Random rng) {
            for (double[] p : out) {
                double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
                p[0] = (t * Math.cos(t) + rng.nextGaussian()) / 5;
                p[1] = (t * Math.sin(t) + rng.nextGaussian()) / 5;
            }
        }
    },
    /**
     * Two moons: scikit-learn's {@code make_moons(noise = 0.1)}, then 2 x + (-1, -0.2).
     * The upper moon has n_out = floor(n / 2) points (cos a, sin a), the lower one n_in = n - n_out
     * points (1 - cos a, 1/2 - sin a), with a evenly spaced over [0, pi] (both ends included);
     * each coordinate gets 0.1 z of noise.
     */
    MOONS("moons", "twomoons") {
        @Override
        void fill(double[][] out, Random rng) {
            int nOut = out.length / 2;
            int nIn = out.length - nOut;
            for (int i = 0; i < out.length; i++) {
                boolean outer = i < nOut;
                double a = outer ? linspace(i, nOut) : linspace(i - nOut, nIn);
                double x = outer ? Math.cos(a) : 1 - Math.cos(a);
                double y = outer ? Math.sin(a) : 0.5 - Math.sin(a);
                out[i][0] = 2 * (x + 0.1 * rng.nextGaussian()) - 1;
                out[i][1] = 2 * (y + 0.1 * rng.nextGaussian()) - 0.2;
            }
            shuffle(out, rng);
        }

        private double linspace(int i, int m) {
            return m == 1 ? 0 : Math.PI * i / (m - 1);
        }
    },
    /**
     * Eight Gaussians: centres c_k = 4 (cos(k pi / 4), sin(k pi / 4)), k uniform in 0..7, standard
     * deviation 0.5, all divided by 1.414: (x, y) = (c_k + 0.5 (z_1, z_2)) / 1.414.
     */
    EIGHT_GAUSSIANS("8gaussians", "eightgaussians") {
        @Override
        void fill(double[][] out, Random rng) {
            for (double[] p : out) {
                double zx = 0.5 * rng.nextGaussian();
                double zy = 0.5 * rng.nextGaussian();
                double angle = rng.nextInt(8) * Math.PI / 4;
                p[0] = (4 * Math.cos(angle) + zx) / 1.414;
                p[1] = (4 * Math.sin(angle) + zy) / 1.414;
            }
        }
    },
    /**
     * Checkerboard on [-4, 4)^2 with 8 of 16 squares of side 2 filled uniformly:
     * x_1 = 4 u - 2, x_2 = u' - 2 b + (floor(x_1) mod 2) with b uniform in {0, 1};
     * (x, y) = 2 (x_1, x_2). Filled squares are those where floor(x / 2) + floor(y / 2) is even.
     */
    CHECKERBOARD("checkerboard") {
        @Override
        void fill(double[][] out, Random rng) {
            for (double[] p : out) {
                double x1 = 4 * rng.nextDouble() - 2;
                double x2 = rng.nextDouble() - 2 * rng.nextInt(2) + Math.floorMod((int) Math.floor(x1), 2);
                p[0] = 2 * x1;
                p[1] = 2 * x2;
            }
        }
    },
    /**
     * Pinwheel with 5 arms: point i belongs to arm k = i mod 5; f = (1 + 0.3 z_1, 0.1 z_2) (radial
     * and tangential spread), rotated by angle a = 2 pi k / 5 + 0.25 exp(f_1):
     * (x, y) = 2 (f_1 cos a + f_2 sin a, -f_1 sin a + f_2 cos a). FFJORD returns 5 floor(n / 5)
     * points; here n points, arms differing in size by at most one.
     */
    PINWHEEL("pinwheel") {
        @Override
        void fill(double[][] out, Random rng) {
            for (int i = 0; i < out.length; i++) {
                double f1 = 1 + 0.3 * rng.nextGaussian();
                double f2 = 0.1 * rng.nextGaussian();
                double a = 2 * Math.PI * (i % 5) / 5 + 0.25 * Math.exp(f1);
                out[i][0] = 2 * (f1 * Math.cos(a) + f2 * Math.sin(a));
                out[i][1] = 2 * (-f1 * Math.sin(a) + f2 * Math.cos(a));
            }
            shuffle(out, rng);
        }
    },
    /**
     * Two interleaved spirals: for m = ceil(n / 2) base points, r = 3 pi sqrt(u) (540 degrees),
     * d = (-r cos r + u'/2, r sin r + u''/2); the other n - m points are the mirror images -d of the
     * first ones. Every point is then divided by 3 and gets 0.1 z noise per coordinate.
     */
    TWO_SPIRALS("2spirals", "twospirals") {
        @Override
        void fill(double[][] out, Random rng) {
            int m = (out.length + 1) / 2;
            for (int i = 0; i < m; i++) {
                double r = 3 * Math.PI * Math.sqrt(rng.nextDouble());
                out[i][0] = -Math.cos(r) * r + 0.5 * rng.nextDouble();
                out[i][1] = Math.sin(r) * r + 0.5 * rng.nextDouble();
            }
            for (int i = m; i < out.length; i++) {
                out[i][0] = -out[i - m][0];
                out[i][1] = -out[i - m][1];
            }
            for (double[] p : out) {
                p[0] = p[0] / 3 + 0.1 * rng.nextGaussian();
                p[1] = p[1] / 3 + 0.1 * rng.nextGaussian();
            }
            shuffle(out, rng);
        }
    },
    /**
     * Two concentric circles: scikit-learn's {@code make_circles(factor = 0.5, noise = 0.08)}, times
     * 3. The outer circle (radius 1) has floor(n / 2) points, the inner one (radius 0.5) the rest,
     * each at evenly spaced angles 2 pi j / m (end point excluded), plus 0.08 z noise per coordinate.
     * Radii after scaling: 3 and 1.5.
     */
    CIRCLES("circles") {
        @Override
        void fill(double[][] out, Random rng) {
            int nOut = out.length / 2;
            int nIn = out.length - nOut;
            for (int i = 0; i < out.length; i++) {
                boolean outer = i < nOut;
                double a = outer ? 2 * Math.PI * i / nOut : 2 * Math.PI * (i - nOut) / nIn;
                double radius = outer ? 1 : 0.5;
                out[i][0] = 3 * (radius * Math.cos(a) + 0.08 * rng.nextGaussian());
                out[i][1] = 3 * (radius * Math.sin(a) + 0.08 * rng.nextGaussian());
            }
            shuffle(out, rng);
        }
    };

    private final String id;
    private final List<String> aliases;

    Toy2d(String id, String... aliases) {
        this.id = id;
        this.aliases = List.of(aliases);
    }

    /** Writes out.length points into {@code out} (rows of length 2), drawing only from {@code rng}. */
    abstract void fill(double[][] out, Random rng);

    /** The short name, e.g. "swissroll", "8gaussians", "2spirals". */
    public String id() {
        return id;
    }

    /**
     * n points as an n x 2 array (x in column 0, y in column 1), drawn from {@code new Random(seed)}.
     *
     * @param n number of points, at least 1
     * @param seed the seed; the same (n, seed) always gives the same points
     */
    public double[][] sample(int n, long seed) {
        Check.atLeast("n", n, 1);
        double[][] out = new double[n][2];
        fill(out, new Random(seed));
        return out;
    }

    /** The points of {@link #sample(int, long)} as an n x 2 float64 array in {@code manager}. */
    public NDArray sample(NDManager manager, int n, long seed) {
        Check.notNull("manager", manager);
        return manager.create(sample(n, seed));
    }

    /** The points of {@link #sample(int, long)} as a table with double columns "x" and "y". */
    public Table table(int n, long seed) {
        double[][] points = sample(n, seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points[i][0];
            y[i] = points[i][1];
        }
        return Table.create(id + " (n = " + n + ", seed = " + seed + ")",
                DoubleColumn.create("x", x), DoubleColumn.create("y", y));
    }

    /** The short names of all sets, in declaration order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Toy2d t : values()) {
            names.add(t.id);
        }
        return names;
    }

    /**
     * The set called {@code name}: its id, an alias or its constant name, ignoring case, spaces,
     * '-' and '_'.
     *
     * @throws IllegalArgumentException naming the valid names when none matches
     */
    public static Toy2d byName(String name) {
        Check.notNull("name", name);
        String key = normalize(name);
        for (Toy2d t : values()) {
            if (key.equals(normalize(t.id)) || key.equals(normalize(t.name()))
                    || t.aliases.stream().anyMatch(a -> key.equals(normalize(a)))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown 2D toy data set '" + name + "'; valid names: "
                + String.join(", ", names()));
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }

    /** Fisher-Yates shuffle of the rows, drawing from {@code rng}. */
    private static void shuffle(double[][] rows, Random rng) {
        for (int i = rows.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double[] tmp = rows[i];
            rows[i] = rows[j];
            rows[j] = tmp;
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
