package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.data.ImageSet;
import edm.data.Split;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {
    private static FeatureClassifier classifier;
    private static ImageMetrics metrics;

    @BeforeAll
    static void load() {
        classifier = FeatureClassifier.forDataset("digits"); // trained in seconds, then cached
        metrics = ImageMetrics.againstTestSet(classifier);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void trainingImagesScoreNearTheFloorAndNoiseScoresFarAbove() {
        var floor = metrics.trainingFloor(300, 1);
        ImageSet test = FeatureClassifier.data("digits", Split.TEST);
        var self = metrics.score(test, 1);
        ImageMetrics.Scores noise;
        try (NDManager m = NDManager.newBaseManager()) {
            java.util.Random r = new java.util.Random(5);
            float[] u = new float[300 * 64];
            for (int i = 0; i < u.length; i++) u[i] = 2 * r.nextFloat() - 1;
            var x = m.create(u, new Shape(300, 1, 8, 8));
            noise = metrics.score(x, 1);
        }
        System.out.println("floor: " + floor + "\nnoise: " + noise);
        assertEquals(0, self.fd(), 1e-6 * (1 + floor.fd()), "the reference against itself");
        assertTrue(floor.fd() > 0, "FD is biased upward at n = 300");
        assertTrue(noise.fd() > 20 * floor.fd(), floor + " vs " + noise);
        // n = 300 = the reference size, so every KID subset is the whole set (sd ~ 0): compare
        // the unbiased floor estimate with the noise score instead.
        assertTrue(Math.abs(floor.kid()) < 0.05 * noise.kid(), floor + " vs " + noise);
        assertTrue(noise.kid() > 0);
        assertEquals("FD on digits-classifier features", floor.fdName());
        assertEquals("KID on digits-classifier features", floor.kidName());
        assertEquals("digits-test", floor.referenceName());
        assertEquals(300, floor.samples());
    }

    @Test
    void validatesItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> metrics.trainingFloor(1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> metrics.scoreFeatures(new double[][] {{1, 2}, {3, 4}}, 0));
    }
}
