package edm.env;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ./workbench lab} serves the notebooks on 127.0.0.1 behind a token and lists the project's
 * Java kernel: checked through the server's REST API, then the server is stopped.
 */
@Tag("slow")
class LabServerTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]+)");

    @Test
    void labServesNotebooksAndListsTheJavaKernel() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var builder = new ProcessBuilder("./workbench", "lab", "--port", Integer.toString(port))
                .directory(Scripts.root().toFile()).redirectErrorStream(true);
        builder.environment().put("EDM_SKIP_BUILD", "1"); // ./workbench test has just built
        Process lab = builder.start();
        try {
            String token = awaitToken(lab);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            String specs = getWhenUp(http, base + "/api/kernelspecs", token);
            assertTrue(specs.contains("\"edm-java\"") && specs.contains("Java (EDM workbench)"), specs);
            String contents = getWhenUp(http, base + "/api/contents/", token);
            assertTrue(contents.contains("00-workbench-tour.ipynb"), contents);
            var anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/api/kernelspecs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, anonymous.statusCode(), "the API must refuse requests without the token");
        } finally {
            lab.descendants().forEach(ProcessHandle::destroy);
            lab.destroy();
            lab.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static String awaitToken(Process lab) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String line;
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        reader.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException closed) {
                        // the server was stopped and its output closed: nothing left to drain
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return m.group(2);
            }
        }
        throw new AssertionError("lab printed no URL with a token:\n" + seen);
    }

    private static String getWhenUp(HttpClient http, String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "token " + token).build();
        Exception last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                var r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return r.body();
                last = new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            } catch (java.io.IOException e) {
                last = e; // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no answer from " + url, last);
    }
}
