package edm.rand;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NoiseStreamTest {
    private static final Shape IMAGE = new Shape(3, 4, 5);

    @Test
    void rowsDoNotDependOnBatchingOrOrder() {
        NoiseStream stream = new NoiseStream(2022);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray all = stream.normal(m, 100, 8, IMAGE, 7);
            NDArray first = stream.normal(m, 100, 4, IMAGE, 7);
            NDArray second = stream.normal(m, 104, 4, IMAGE, 7);
            NDArray reversed = stream.normal(m, new long[] {107, 106, 105, 104, 103, 102, 101, 100},
                    IMAGE, 7);
            NDArray mixed = stream.normal(m, new long[] {103, 999, 5}, IMAGE, 7);
            assertEquals(DataType.FLOAT64, all.getDataType());
            assertEquals(new Shape(8, 3, 4, 5), all.getShape());
            for (int i = 0; i < 8; i++) {
                double[] row = all.get(i).toDoubleArray();
                double[] split = (i < 4 ? first.get(i) : second.get(i - 4)).toDoubleArray();
                assertArrayEquals(row, split, 0.0, "row " + i + " split into two batches");
                assertArrayEquals(row, reversed.get(7 - i).toDoubleArray(), 0.0, "reversed row " + i);
            }
            assertArrayEquals(all.get(3).toDoubleArray(), mixed.get(0).toDoubleArray(), 0.0);
            assertArrayEquals(stream.normals(103, 7, 60), all.get(3).toDoubleArray(), 0.0);
        }
    }

    @Test
    void sameSeedSameBitsOtherSeedStepOrSampleDiffers() {
        double[] a = new NoiseStream(42).normals(3, 1, 1000);
        double[] b = new NoiseStream(42).normals(3, 1, 1000);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]));
        }
        assertNotEquals(a[0], new NoiseStream(43).normals(3, 1, 1)[0]);
        assertNotEquals(a[0], new NoiseStream(42).normals(3, 2, 1)[0]);
        assertNotEquals(a[0], new NoiseStream(42).normals(4, 1, 1)[0]);
        assertNotEquals(a[0], new NoiseStream(42).fork(1).normals(3, 1, 1)[0]);
    }

    @Test
    void splitMixMatchesTheReferenceAlgorithm() {
        // java.util.SplittableRandom(seed) runs the same SplitMix64 recurrence with the same gamma and
        // finalizer for nextLong(), so both must agree bit for bit.
        java.util.SplittableRandom reference = new java.util.SplittableRandom(12345);
        SampleRng ours = new SampleRng(12345);
        for (int i = 0; i < 100; i++) {
            assertEquals(reference.nextLong(), ours.nextLong());
        }
    }

    @Test
    void normalMomentsWithinMonteCarloTolerance() {
        // n = 200 samples x 1000 values = 200,000 draws, pooled over many per-sample streams.
        // For z ~ N(0,1): sd of the sample mean = 1/sqrt(n); Var(z^2) = 2, so sd of the mean of z^2
        // is sqrt(2/n); Var(z^3) = E z^6 = 15; Var(z^4) = E z^8 - (E z^4)^2 = 105 - 9 = 96.
        // A tolerance of 5 standard errors (CLT) gives a false failure probability below 6e-7 per
        // moment; the tolerances are 0.011 (mean), 0.016 (variance), 0.043 and 0.11.
        NoiseStream stream = new NoiseStream(7);
        int samples = 200;
        int per = 1000;
        double n = samples * (double) per;
        double[] sum = new double[5];
        for (int k = 0; k < samples; k++) {
            for (double z : stream.normals(k, 0, per)) {
                double p = 1;
                for (int r = 1; r <= 4; r++) {
                    p *= z;
                    sum[r] += p;
                }
            }
        }
        double se = 1 / Math.sqrt(n);
        assertEquals(0.0, sum[1] / n, 5 * se, "mean");
        assertEquals(1.0, sum[2] / n, 5 * Math.sqrt(2) * se, "second moment");
        assertEquals(0.0, sum[3] / n, 5 * Math.sqrt(15) * se, "third moment");
        assertEquals(3.0, sum[4] / n, 5 * Math.sqrt(96) * se, "fourth moment");
        // The check has power: uniforms scaled to unit variance have fourth moment 1.8, off by
        // 1.2 >> 5 sqrt(96/n) = 0.11.
        assertTrue(Math.abs(1.8 - 3.0) > 5 * Math.sqrt(96) * se);
    }

    @Test
    void uniformMeanWithinMonteCarloTolerance() {
        // U(0,1): variance 1/12, so the mean of n draws has sd sqrt(1/(12 n)); tolerance 5 sd.
        SampleRng rng = new NoiseStream(3).rng(0, 0);
        int n = 100_000;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            assertTrue(u >= 0 && u < 1);
            s += u;
        }
        assertEquals(0.5, s / n, 5 * Math.sqrt(1.0 / (12 * n)));
    }

    @Test
    void validationNamesParameters() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NoiseStream(1).normals(0, 0, -1));
        assertTrue(e.getMessage().startsWith("count"), e.getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> new NoiseStream(1).normal(m, 0, -2, new Shape(2), 0));
            assertTrue(e.getMessage().startsWith("batch"), e.getMessage());
        }
    }
}
