package edm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tech.tablesaw.api.Table;

class Toy2dTest {
    private static final int N = 20_000;

    @Test
    void namesResolveIgnoringCaseAndSeparators() {
        assertEquals(java.util.List.of("swissroll", "moons", "8gaussians", "checkerboard", "pinwheel",
                "2spirals", "circles"), Toy2d.names());
        for (Toy2d t : Toy2d.values()) {
            assertSame(t, Toy2d.byName(t.id()));
            assertSame(t, Toy2d.byName(t.id().toUpperCase()));
            assertSame(t, Toy2d.byName(t.name()));
        }
        assertSame(Toy2d.TWO_SPIRALS, Toy2d.byName("Two_Spirals"));
        assertSame(Toy2d.EIGHT_GAUSSIANS, Toy2d.byName("8 Gaussians"));
        assertSame(Toy2d.SWISSROLL, Toy2d.byName("swiss-roll"));
    }

    @Test
    void unknownNameListsValidNames() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Toy2d.byName("spiral"));
        assertTrue(e.getMessage().contains("'spiral'"), e.getMessage());
        for (String name : Toy2d.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Toy2d.class)
    void sameSeedSamePointsOtherSeedOtherPoints(Toy2d toy) {
        double[][] a = toy.sample(501, 7);
        assertEquals(501, a.length);
        for (double[] p : a) {
            assertEquals(2, p.length);
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
        }
        assertTrue(Arrays.deepEquals(a, toy.sample(501, 7)));
        assertFalse(Arrays.deepEquals(a, toy.sample(501, 8)));
        assertEquals(1, toy.sample(1, 3).length);
    }

    @Test
    void rejectsNonPositiveCount() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Toy2d.MOONS.sample(0, 1));
        assertEquals("n must be >= 1, got 0", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Toy2d.class)
    void ndArrayAndTableHoldTheSamePoints(Toy2d toy) {
        double[][] points = toy.sample(64, 11);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = toy.sample(manager, 64, 11);
            assertEquals(DataType.FLOAT64, array.getDataType());
            assertEquals(new Shape(64, 2), array.getShape());
            double[] flat = array.toDoubleArray();
            for (int i = 0; i < 64; i++) {
                assertEquals(points[i][0], flat[2 * i]);
                assertEquals(points[i][1], flat[2 * i + 1]);
            }
        }
        Table table = toy.table(64, 11);
        assertEquals(java.util.List.of("x", "y"), table.columnNames());
        assertEquals(64, table.rowCount());
        for (int i = 0; i < 64; i++) {
            assertEquals(points[i][0], table.doubleColumn("x").getDouble(i));
            assertEquals(points[i][1], table.doubleColumn("y").getDouble(i));
        }
    }

    @Test
    void swissRollRadiusFollowsTheAngle() {
        // 5 |(x, y)| = |t e^{it} + noise| ~ t, with t uniform on [1.5 pi, 4.5 pi] of mean 3 pi.
        double mean = Arrays.stream(Toy2d.SWISSROLL.sample(N, 1))
                .mapToDouble(p -> 5 * Math.hypot(p[0], p[1])).average().orElseThrow();
        assertEquals(3 * Math.PI, mean, 0.2);
    }

    @Test
    void moonsHaveTheExpectedMean() {
        // Upper moon mean (0, 2/pi), lower (1, 1/2 - 2/pi): overall (1/2, 1/4), then 2 m + (-1, -0.2).
        double[] mean = mean(Toy2d.MOONS.sample(N, 2));
        assertEquals(0.0, mean[0], 0.01);
        assertEquals(0.3, mean[1], 0.01);
    }

    @Test
    void eightGaussiansClusterAroundTheirCentres() {
        double[][] points = Toy2d.EIGHT_GAUSSIANS.sample(N, 3);
        int[] counts = new int[8];
        double sumSq = 0;
        for (double[] p : points) {
            double x = p[0] * 1.414;
            double y = p[1] * 1.414;
            int k = Math.floorMod((int) Math.round(Math.atan2(y, x) / (Math.PI / 4)), 8);
            double dx = x - 4 * Math.cos(k * Math.PI / 4);
            double dy = y - 4 * Math.sin(k * Math.PI / 4);
            assertTrue(Math.hypot(dx, dy) < 2.5, "point far from every centre");
            counts[k]++;
            sumSq += dx * dx + dy * dy;
        }
        for (int c : counts) {
            assertEquals(N / 8.0, c, 0.06 * N / 8);
        }
        assertEquals(0.5, Math.sqrt(sumSq / (2 * N)), 0.01);
    }

    @Test
    void checkerboardFillsOnlyEvenSquares() {
        int[] counts = new int[16];
        for (double[] p : Toy2d.CHECKERBOARD.sample(N, 4)) {
            assertTrue(p[0] >= -4 && p[0] < 4 && p[1] >= -4 && p[1] < 4);
            int i = (int) Math.floor(p[0] / 2);
            int j = (int) Math.floor(p[1] / 2);
            assertEquals(0, Math.floorMod(i + j, 2), "point in an empty square");
            counts[(i + 2) * 4 + (j + 2)]++;
        }
        long filled = Arrays.stream(counts).filter(c -> c > 0).count();
        assertEquals(8, filled);
        for (int c : counts) {
            assertTrue(c == 0 || Math.abs(c - N / 8.0) < 0.06 * N / 8);
        }
    }

    @Test
    void pinwheelRadiusIsAboutTwo() {
        // |(x, y)| = 2 |f| with f_1 ~ N(1, 0.3^2), f_2 ~ N(0, 0.1^2): mean about 2.01.
        double mean = Arrays.stream(Toy2d.PINWHEEL.sample(N, 5))
                .mapToDouble(p -> Math.hypot(p[0], p[1])).average().orElseThrow();
        assertEquals(2.01, mean, 0.03);
    }

    @Test
    void twoSpiralsArePointSymmetric() {
        double[][] points = Toy2d.TWO_SPIRALS.sample(N, 6);
        double[] mean = mean(points);
        assertEquals(0, mean[0], 0.01);
        assertEquals(0, mean[1], 0.01);
        double maxRadius = Arrays.stream(points).mapToDouble(p -> Math.hypot(p[0], p[1])).max().orElseThrow();
        assertTrue(maxRadius > 3.0 && maxRadius < 3.9, "max radius " + maxRadius);
    }

    @Test
    void circlesHaveRadiiThreeAndOneAndAHalf() {
        // Radial noise has standard deviation 3 * 0.08 = 0.24, so splitting at 2.25 misfiles ~0.1%.
        int outer = 0;
        double outerSum = 0;
        double innerSum = 0;
        for (double[] p : Toy2d.CIRCLES.sample(N, 7)) {
            double r = Math.hypot(p[0], p[1]);
            if (r > 2.25) {
                outer++;
                outerSum += r;
            } else {
                innerSum += r;
            }
        }
        assertEquals(N / 2.0, outer, 0.01 * N);
        assertEquals(3.0, outerSum / outer, 0.03);
        assertEquals(1.5, innerSum / (N - outer), 0.03);
    }

    private static double[] mean(double[][] points) {
        double[] m = new double[2];
        for (double[] p : points) {
            m[0] += p[0] / points.length;
            m[1] += p[1] / points.length;
        }
        return m;
    }
}
