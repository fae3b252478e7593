package edm.env;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook top to bottom in quick mode with the project's Java kernel. A failure
 * names the notebook and the cell and shows the Java stack trace. Needs the kernel spec on
 * JUPYTER_PATH, which {@code ./workbench test} sets up.
 */
@Tag("slow")
class NotebookTest {
    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInQuickMode() throws IOException {
        Path dir = Scripts.root().resolve("notebooks");
        try (Stream<Path> files = Files.list(dir)) {
            var notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
            assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);
            return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
                var r = Scripts.python("environment/run_notebooks.py", 60, "--quick",
                        nb.getFileName().toString());
                assertEquals(0, r.exitCode(), r.output());
            }));
        }
    }
}
