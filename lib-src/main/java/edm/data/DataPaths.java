package edm.data;

import java.nio.file.Path;

/**
 * Where the workbench's data lives.
 *
 * <p>The workbench root (the repository root) is, in order of precedence:
 * <ol>
 *   <li>the system property {@code edm.home}, when set and not blank;</li>
 *   <li>the environment variable {@code EDM_WORKBENCH_HOME}, when set and not blank;</li>
 *   <li>the current working directory.</li>
 * </ol>
 * Shipped data sets live under {@code <root>/data}, fetched ones under {@code <root>/data/cache}
 * (git-ignored), and the SHA-256 sums of both in {@code <root>/data/checksums.sha256}.
 */
public final class DataPaths {
    /** System property naming the workbench root. */
    public static final String HOME_PROPERTY = "edm.home";
    /** Environment variable naming the workbench root. */
    public static final String HOME_ENV = "EDM_WORKBENCH_HOME";

    private DataPaths() {}

    /** The workbench root, resolved as described in the class comment, absolute and normalized. */
    public static Path root() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(HOME_ENV);
        }
        if (home == null || home.isBlank()) {
            home = "";
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** {@code <root>/data}: shipped data sets and the checksum list. */
    public static Path data() {
        return root().resolve("data");
    }

    /** {@code <root>/data/cache}: data sets fetched by {@code ./workbench fetch-data}. */
    public static Path cache() {
        return data().resolve("cache");
    }

    /** {@code <root>/data/checksums.sha256}: expected SHA-256 sums, paths relative to {@code data/}. */
    public static Path checksums() {
        return data().resolve("checksums.sha256");
    }

    /** The shell command that fetches data set {@code name} into the cache, e.g. for "mnist". */
    public static String fetchCommand(String name) {
        return "./workbench fetch-data " + name;
    }
}
