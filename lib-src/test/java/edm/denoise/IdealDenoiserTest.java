package edm.denoise;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import edm.rand.NoiseStream;
import org.junit.jupiter.api.Test;

class IdealDenoiserTest {

    /** Brute force in plain Java: w_k = exp(-(|x-y_k|^2 - min_j |x-y_j|^2)/(2 sigma^2)) / sum. */
    private static double[][] bruteForce(double[][] y, double[][] x, double sigma) {
        double[][] out = new double[x.length][y[0].length];
        for (int b = 0; b < x.length; b++) {
            double[] dist = new double[y.length];
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < y.length; k++) {
                for (int j = 0; j < y[k].length; j++) {
                    dist[k] += (x[b][j] - y[k][j]) * (x[b][j] - y[k][j]);
                }
                min = Math.min(min, dist[k]);
            }
            double total = 0;
            for (int k = 0; k < y.length; k++) {
                double w = Math.exp(-(dist[k] - min) / (2 * sigma * sigma));
                total += w;
                for (int j = 0; j < y[k].length; j++) {
                    out[b][j] += w * y[k][j];
                }
            }
            for (int j = 0; j < out[b].length; j++) {
                out[b][j] /= total;
            }
        }
        return out;
    }

    private static double[][] rows(NDArray a) {
        long n = a.getShape().get(0);
        double[] flat = a.toDoubleArray();
        int d = (int) (flat.length / n);
        double[][] r = new double[(int) n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, r[i], 0, d);
        }
        return r;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double e = 0;
        for (int i = 0; i < a.length; i++) {
            e = Math.max(e, Math.abs(a[i] - b[i]));
        }
        return e;
    }

    @Test
    void matchesBruteForceLoopsOnSmallData() {
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(11);
            NDArray data = noise.normal(m, 0, 50, new Shape(5), 0);
            NDArray x = noise.fork(1).normal(m, 0, 7, new Shape(5), 0).mul(1.5);
            double[][] y = rows(data);
            double[][] xs = rows(x);
            try (IdealDenoiser ideal = new IdealDenoiser(data, Precision.FLOAT64, 16)) {
                for (double sigma : new double[] {0.05, 0.3, 1, 4}) {
                    double[][] expected = bruteForce(y, xs, sigma);
                    double[][] got = rows(ideal.denoise(x, sigma));
                    for (int b = 0; b < xs.length; b++) {
                        assertArrayEquals(expected[b], got[b], 1e-12, "sigma " + sigma + " row " + b);
                    }
                }
            }
        }
    }

    @Test
    void chunkedEqualsUnchunked() {
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(5);
            NDArray data = noise.normal(m, 0, 1000, new Shape(12), 0);
            NDArray x = noise.fork(1).normal(m, 0, 9, new Shape(12), 0).mul(2);
            try (IdealDenoiser whole = new IdealDenoiser(data, Precision.FLOAT64, 1000);
                    IdealDenoiser chunked = new IdealDenoiser(data, Precision.FLOAT64, 37)) {
                for (double sigma : new double[] {0.2, 1, 5}) {
                    assertTrue(maxAbsDiff(whole.denoise(x, sigma).toDoubleArray(),
                            chunked.denoise(x, sigma).toDoubleArray()) < 1e-12, "sigma " + sigma);
                    assertTrue(maxAbsDiff(whole.logDensity(x, sigma).toDoubleArray(),
                            chunked.logDensity(x, sigma).toDoubleArray()) < 1e-10, "log p, sigma " + sigma);
                }
            }
        }
    }

    @Test
    void smallSigmaGivesNearestPointLargeSigmaGivesMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(8);
            NDArray data = noise.normal(m, 0, 40, new Shape(3), 0);
            NDArray x = noise.fork(2).normal(m, 0, 10, new Shape(3), 0);
            double[][] y = rows(data);
            double[][] xs = rows(x);
            double[] mean = data.mean(new int[] {0}).toDoubleArray();
            try (IdealDenoiser ideal = new IdealDenoiser(data, Precision.FLOAT64, 7)) {
                double[][] small = rows(ideal.denoise(x, 1e-3));
                double[][] large = rows(ideal.denoise(x, 1e6));
                for (int b = 0; b < xs.length; b++) {
                    int nearest = 0;
                    double best = Double.POSITIVE_INFINITY;
                    for (int k = 0; k < y.length; k++) {
                        double dist = 0;
                        for (int j = 0; j < 3; j++) {
                            dist += (xs[b][j] - y[k][j]) * (xs[b][j] - y[k][j]);
                        }
                        if (dist < best) {
                            best = dist;
                            nearest = k;
                        }
                    }
                    assertArrayEquals(y[nearest], small[b], 1e-12, "nearest point, row " + b);
                    // |w_k - 1/N| = O(|x - y|^2 / sigma^2) ~ 1e-11 for distances ~ 3 at sigma = 1e6.
                    assertArrayEquals(mean, large[b], 1e-9, "data mean, row " + b);
                }
            }
        }
    }

    @Test
    void stableAtTinySigmaWithLargeDistances() {
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(9);
            NDArray data = noise.normal(m, 0, 300, new Shape(20), 0).mul(1000); // distances ~ 6e3
            NDArray x = data.get("0:4").add(noise.fork(3).normal(m, 0, 4, new Shape(20), 0).mul(1e-3));
            for (Precision p : Precision.values()) {
                try (IdealDenoiser ideal = new IdealDenoiser(data, p, 64)) {
                    NDArray out = ideal.denoise(x, 1e-3);
                    double[] v = out.toDoubleArray();
                    for (double value : v) {
                        assertTrue(Double.isFinite(value), p + ": no NaN or infinity");
                    }
                    double tol = p == Precision.FLOAT64 ? 1e-9 : 1e-1;
                    assertTrue(maxAbsDiff(data.get("0:4").toDoubleArray(), v) < tol,
                            p + ": recovers the training points");
                    double[] logp = ideal.logDensity(x, 1e-3).toDoubleArray();
                    for (double value : logp) {
                        assertTrue(Double.isFinite(value), p + ": finite log-density");
                    }
                }
            }
        }
    }

    @Test
    void logDensityMatchesKernelDensityAndScoreIsItsGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(21);
            NDArray data = noise.normal(m, 0, 30, new Shape(2), 0);
            double[][] y = rows(data);
            double sigma = 0.7;
            double[] x0 = {0.3, -0.4};
            try (IdealDenoiser ideal = new IdealDenoiser(data, Precision.FLOAT64, 8)) {
                double p = 0;
                for (double[] yk : y) {
                    double dist = (x0[0] - yk[0]) * (x0[0] - yk[0]) + (x0[1] - yk[1]) * (x0[1] - yk[1]);
                    p += Math.exp(-dist / (2 * sigma * sigma)) / (2 * Math.PI * sigma * sigma) / y.length;
                }
                NDArray x = m.create(x0, new Shape(1, 2));
                assertEquals(Math.log(p), ideal.logDensity(x, sigma).getDouble(0), 1e-12);
                // Central differences: error h^2/6 f''' ~ 1e-10 at h = 1e-4; rounding 1e-16/h ~ 1e-12.
                double h = 1e-4;
                double[] score = ideal.score(x, sigma).toDoubleArray();
                for (int j = 0; j < 2; j++) {
                    double[] plus = x0.clone();
                    double[] minus = x0.clone();
                    plus[j] += h;
                    minus[j] -= h;
                    double fd = (ideal.logDensity(m.create(plus, new Shape(1, 2)), sigma).getDouble(0)
                            - ideal.logDensity(m.create(minus, new Shape(1, 2)), sigma).getDouble(0))
                            / (2 * h);
                    assertEquals(fd, score[j], 1e-7, "coordinate " + j);
                }
            }
        }
    }

    @Test
    void float32AgreesWithFloat64AndKeepsShapeAndType() {
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseStream noise = new NoiseStream(4);
            NDArray data = noise.normal(m, 0, 500, new Shape(2, 3, 4), 0);
            NDArray x = noise.fork(5).normal(m, 0, 6, new Shape(2, 3, 4), 0);
            try (IdealDenoiser exact = new IdealDenoiser(data);
                    IdealDenoiser fast = new IdealDenoiser(data, Precision.FLOAT32, 128)) {
                assertEquals(24, exact.dim());
                assertEquals(500, exact.size());
                NDArray a = exact.denoise(x, 1.0);
                assertEquals(x.getShape(), a.getShape());
                assertEquals(DataType.FLOAT64, a.getDataType());
                NDArray b = fast.denoise(x.toType(DataType.FLOAT32, false), 1.0);
                assertEquals(DataType.FLOAT32, b.getDataType());
                assertTrue(maxAbsDiff(a.toDoubleArray(), b.toType(DataType.FLOAT64, false).toDoubleArray()) < 1e-4);
            }
        }
    }

    @Test
    void repeatedCallsDoNotLeakArraysIntoTheCallersManager() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = new NoiseStream(1).normal(m, 0, 100, new Shape(4), 0);
            NDArray x = new NoiseStream(2).normal(m, 0, 3, new Shape(4), 0);
            int arrays = m.getManagedArrays().size();
            try (IdealDenoiser ideal = new IdealDenoiser(data, Precision.FLOAT32, 10)) {
                ideal.denoise(x, 1.0).close();
                int before = m.getManagedArrays().size();
                for (int i = 0; i < 20; i++) {
                    ideal.denoise(x, 1.0).close();
                    ideal.logDensity(x, 1.0).close();
                }
                assertEquals(before, m.getManagedArrays().size());
            }
            // Counts include sub-managers; after close() nothing of the denoiser remains in m.
            assertEquals(arrays, m.getManagedArrays().size(), "construction leaves no temporaries");
        }
    }

    @Test
    void validationNamesParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = m.zeros(new Shape(10, 3), DataType.FLOAT64);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new IdealDenoiser(m.zeros(new Shape(0, 3))));
            assertTrue(e.getMessage().startsWith("data"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new IdealDenoiser(data, Precision.FLOAT64, 0));
            assertTrue(e.getMessage().startsWith("chunkSize"), e.getMessage());
            try (IdealDenoiser ideal = new IdealDenoiser(data)) {
                e = assertThrows(IllegalArgumentException.class,
                        () -> ideal.denoise(m.zeros(new Shape(2, 3)), 0.0));
                assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class,
                        () -> ideal.denoise(m.zeros(new Shape(2, 4)), 1.0));
                assertTrue(e.getMessage().startsWith("x must have shape"), e.getMessage());
            }
        }
    }
}
