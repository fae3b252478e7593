package edm.metric;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import edm.data.DataPaths;
import edm.data.ImageSet;
import edm.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureClassifierTest {
    @Test
    void digitsClassifierIsAccurateCachedVerifiedAndDeterministic(@TempDir Path root) throws Exception {
        // A private workbench root with the shipped digits, so the test owns its cache folder.
        Path data = Files.createDirectories(root.resolve("data/digits"));
        Files.copy(DataPaths.checksums(), root.resolve("data/checksums.sha256"));
        Files.copy(DataPaths.data().resolve("digits/digits.csv.gz"), data.resolve("digits.csv.gz"));
        String old = System.getProperty(DataPaths.HOME_PROPERTY);
        System.setProperty(DataPaths.HOME_PROPERTY, root.toString());
        try {
            Path file = FeatureClassifier.cacheFile("digits");
            assertEquals(root.resolve("data/cache/classifiers/digits-v2.params"), file);
            ImageSet test = FeatureClassifier.data("digits", Split.TEST);
            ImageSet train = FeatureClassifier.data("digits", Split.TRAIN);
            assertEquals(300, test.size());
            assertEquals(1497, train.size());
            String firstSum;
            try (FeatureClassifier c = FeatureClassifier.forDataset("digits")) {
                double accuracy = c.accuracy(test);
                System.out.println("digits classifier test accuracy: " + accuracy);
                assertTrue(accuracy >= 0.93, "accuracy " + accuracy);
                assertEquals("FD on digits-classifier features", c.metricName());
                double[][] phi = c.features(test);
                assertEquals(300, phi.length);
                assertEquals(64, phi[0].length);
                for (double[] row : phi) for (double v : row) assertTrue(v >= 0, "ReLU features");
                try (NDManager m = NDManager.newBaseManager()) {
                    var ex = assertThrows(IllegalArgumentException.class,
                            () -> c.features(m.zeros(new Shape(2, 1, 28, 28))));
                    assertTrue(ex.getMessage().startsWith("images must be N x 1 x 8 x 8"));
                }
            }
            assertTrue(Files.isRegularFile(file));
            firstSum = Files.readString(VerifiedFile.sidecar(file)).split("\\s+")[0];
            assertTrue(VerifiedFile.readIfValid(file).isPresent());

            // A corrupt cache fails its SHA-256 and is retrained; training is deterministic.
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 1;
            Files.write(file, bytes);
            assertTrue(VerifiedFile.readIfValid(file).isEmpty());
            try (FeatureClassifier c = FeatureClassifier.forDataset("digits")) {
                assertTrue(c.accuracy(test) >= 0.93);
            }
            assertEquals(firstSum, Files.readString(VerifiedFile.sidecar(file)).split("\\s+")[0],
                    "retraining reproduces the same parameters");
        } finally {
            if (old == null) System.clearProperty(DataPaths.HOME_PROPERTY);
            else System.setProperty(DataPaths.HOME_PROPERTY, old);
        }
    }

    @Test
    void rejectsUnknownDataSets() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> FeatureClassifier.forDataset("cifar10"));
        assertTrue(ex.getMessage().startsWith("dataset must be one of"), ex.getMessage());
    }
}
