package edm.metric;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import edm.data.DataPaths;
import edm.data.ImageSet;
import edm.data.Split;
import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MNIST and Fashion-MNIST classifiers, trained on first use and cached under
 * data/cache/classifiers; skipped when the data set is not in data/cache. The test trains the
 * quick-mode variants (1 epoch on 10,000 images, about 30 s each; measured 0.921 and 0.787 test
 * accuracy) to keep the suite short; the full ones (2 epochs on 60,000: 0.983 and 0.884, about
 * 5 minutes each on 2 cores) are what notebooks outside quick mode use. Tagged "slow":
 * {@code ./workbench test} runs it, or {@code mvn -o test -Dgroups=slow -Dtest='edm.metric.*Test'}.
 */
@Tag("slow")
class FeatureClassifierMnistTest {
    @ParameterizedTest
    @CsvSource({"mnist, 0.90", "fashion-mnist, 0.75"})
    void quickClassifierReachesItsDocumentedAccuracy(String dataset, double floor) {
        String old = System.getProperty("edm.quick");
        System.setProperty("edm.quick", "true");
        try {
            check(dataset, floor);
        } finally {
            if (old == null) System.clearProperty("edm.quick"); else System.setProperty("edm.quick", old);
        }
    }

    private static void check(String dataset, double floor) {
        assumeTrue(Files.isDirectory(DataPaths.cache().resolve(dataset)),
                dataset + " is not fetched; run " + DataPaths.fetchCommand(dataset));
        long start = System.nanoTime();
        try (FeatureClassifier c = FeatureClassifier.forDataset(dataset)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            ImageSet test = FeatureClassifier.data(dataset, Split.TEST);
            double accuracy = c.accuracy(test);
            System.out.printf("%s classifier: test accuracy %.4f, ready in %.1f s (%s)%n", dataset,
                    accuracy, seconds, FeatureClassifier.cacheFile(dataset).getFileName());
            assertTrue(accuracy >= floor, dataset + " accuracy " + accuracy);
            double[][] phi = c.features(test.head(5));
            assertEquals(5, phi.length);
            assertEquals(128, phi[0].length);
            assertEquals(128, c.featureDim());
        }
    }
}
