package edm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataPathsTest {
    @Test
    void propertyOverridesEnvironmentAndCurrentDirectory() {
        String saved = System.getProperty(DataPaths.HOME_PROPERTY);
        try {
            System.setProperty(DataPaths.HOME_PROPERTY, "/tmp/some/../workbench");
            assertEquals(Path.of("/tmp/workbench"), DataPaths.root());
            assertEquals(Path.of("/tmp/workbench/data/cache"), DataPaths.cache());
            assertEquals(Path.of("/tmp/workbench/data/checksums.sha256"), DataPaths.checksums());
            System.setProperty(DataPaths.HOME_PROPERTY, " ");
            String env = System.getenv(DataPaths.HOME_ENV);
            Path expected = env == null || env.isBlank() ? Path.of("").toAbsolutePath()
                    : Path.of(env).toAbsolutePath().normalize();
            assertEquals(expected, DataPaths.root());
        } finally {
            if (saved == null) {
                System.clearProperty(DataPaths.HOME_PROPERTY);
            } else {
                System.setProperty(DataPaths.HOME_PROPERTY, saved);
            }
        }
    }

    @Test
    void buildRootHoldsTheChecksumList() {
        // The build sets EDM_WORKBENCH_HOME to the repository root.
        assertTrue(Files.isRegularFile(DataPaths.checksums()), DataPaths.checksums().toString());
        assertEquals("./workbench fetch-data mnist", DataPaths.fetchCommand("mnist"));
    }
}
