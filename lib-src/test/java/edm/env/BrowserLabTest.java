package edm.env;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * JupyterLab in a real browser: headless Chromium (Debian's chromium and chromium-driver, which
 * {@code ./workbench test} installs) against {@code ./workbench lab} on a free port. Runs the tour
 * notebook with Kernel, Restart Kernel and Run All Cells, {@code edm.browser.runs} times (default
 * 3), and checks a PNG chart, an HTML table, rendered LaTeX, every code cell executed and no error
 * or stderr output; then interrupts a running infinite loop and runs one more cell. The notebooks
 * are copies in target/browser-lab, so JupyterLab's autosave cannot touch notebooks/. A failing
 * step leaves a screenshot and the page's text in target/browser-lab/failures.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserLabTest {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)\\?token=([0-9a-f]+)");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Process lab;
    private WebDriver driver;
    private String base;
    private Path dir;

    @BeforeAll
    void startLabAndBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (./workbench test installs them)");
        dir = Scripts.root().resolve("target/browser-lab");
        Files.createDirectories(dir.resolve("failures"));
        Files.copy(Scripts.root().resolve("notebooks/00-workbench-tour.ipynb"), dir.resolve("tour.ipynb"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("interrupt.ipynb"), INTERRUPT_NOTEBOOK, StandardCharsets.UTF_8);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var builder = new ProcessBuilder("./workbench", "lab", "--port", Integer.toString(port), "--dir", dir.toString())
                .directory(Scripts.root().toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("lab.log").toFile());
        builder.environment().put("EDM_SKIP_BUILD", "1"); // ./workbench test has just built
        lab = builder.start();
        String url = awaitUrl(dir.resolve("lab.log"));
        Matcher m = URL.matcher(url);
        assertTrue(m.find(), url);
        base = m.group(1);

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // no Selenium Manager download
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("edm-chromium"));
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.get(url); // the token logs the browser in (a cookie)
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (lab != null) {
            lab.descendants().forEach(ProcessHandle::destroy);
            lab.destroy();
            lab.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(2)
    void tourRestartAndRunAllRendersEverything() throws Exception {
        int runs = Integer.getInteger("edm.browser.runs", 3);
        step("open-tour", () -> open("tour.ipynb"));
        for (int run = 1; run <= runs; run++) {
            int r = run;
            step("restart-run-all-" + r, () -> {
                restartAndRunAll();
                awaitAllExecuted(Duration.ofMinutes(5));
                assertFalse(all(".jp-OutputArea-output img[src^='data:image/png']").isEmpty(), "no PNG chart (run " + r + ")");
                assertFalse(all(".jp-OutputArea-output table").isEmpty(), "no HTML table (run " + r + ")");
                assertFalse(all(".jp-RenderedMarkdown mjx-container, .jp-RenderedMarkdown .MathJax").isEmpty(),
                        "no rendered LaTeX (run " + r + ")");
                List<String> errors = texts("[data-mime-type='application/vnd.jupyter.stderr']");
                assertTrue(errors.isEmpty(), "error or stderr output (run " + r + "): " + errors);
                screenshot("tour-run-" + r);
            });
        }
    }

    @Test
    @Order(1)
    void interruptStopsAnInfiniteLoopAndTheNextCellRuns() throws Exception {
        step("open-interrupt", () -> open("interrupt.ipynb"));
        step("interrupt", () -> {
            waitUntil(Duration.ofSeconds(30), "both cells shown", () -> all(".jp-Notebook .jp-CodeCell").size() == 2);
            runCell(all(".jp-Notebook .jp-CodeCell").get(0));
            waitUntil(Duration.ofSeconds(30), "the loop to run", () -> prompt(all(".jp-Notebook .jp-CodeCell").get(0)).contains("*"));
            Thread.sleep(3000); // as a person would: it has been running for a while
            // Kernel, Interrupt Kernel; on a loaded machine a person whose first click has no visible
            // effect after 30 s clicks again (one interrupt per request is KernelProtocolTest's check)
            menu("Kernel", "kernelmenu:interrupt");
            if (!stopsWithin(Duration.ofSeconds(30))) {
                menu("Kernel", "kernelmenu:interrupt");
                waitUntil(Duration.ofSeconds(60), "the loop to stop after a second interrupt", this::firstCellEnded);
            }
            String out = all(".jp-Notebook .jp-CodeCell").get(0).getText();
            assertTrue(out.toLowerCase().contains("interrupted"), out);
            runCell(all(".jp-Notebook .jp-CodeCell").get(1));
            waitUntil(Duration.ofSeconds(60), "the next cell's output",
                    () -> all(".jp-Notebook .jp-CodeCell").get(1).getText().contains("42"));
            screenshot("interrupt");
        });
    }

    // --- JupyterLab, driven like a person would ---

    private void open(String name) {
        driver.get(base + "lab/tree/" + name + "?reset"); // ?reset: no tabs restored from an earlier workspace
        // the kernel must show as idle once connected (it showed "Unknown" until a cell ran, before
        // the kernel patches published an unparented status after kernel_info_request)
        waitUntil(Duration.ofSeconds(120), "the notebook and its kernel, idle",
                () -> !all(".jp-Notebook .jp-Cell").isEmpty() && "idle".equals(kernelStatus()));
    }

    private String kernelStatus() {
        List<WebElement> indicator = all(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator");
        return indicator.isEmpty() ? "" : String.valueOf(indicator.get(0).getAttribute("data-status"));
    }

    private void restartAndRunAll() {
        menu("Kernel", "runmenu:restart-and-run-all");
        WebElement accept = waitFor(".jp-Dialog .jp-mod-accept", Duration.ofSeconds(10));
        accept.click();
    }

    /** Whether the first cell's prompt shows an execution count: its run has ended. */
    private boolean firstCellEnded() {
        return prompt(all(".jp-Notebook .jp-CodeCell").get(0)).matches("\\[\\d+\\]:");
    }

    /** Whether the first cell's prompt shows an execution count (the run ended) within {@code timeout}. */
    private boolean stopsWithin(Duration timeout) {
        try {
            waitUntil(timeout, "the loop to stop", this::firstCellEnded);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    private void menu(String title, String command) {
        WebElement item = driver.findElements(By.cssSelector(".lm-MenuBar-item")).stream()
                .filter(e -> e.getText().trim().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no menu " + title));
        item.click();
        waitFor(".lm-Menu-item[data-command='" + command + "']", Duration.ofSeconds(10)).click();
    }

    private void runCell(WebElement cell) {
        cell.findElement(By.cssSelector(".jp-InputArea-prompt")).click(); // selects the cell
        // the toolbar's Run button (run the selected cell and select the next)
        waitFor(".jp-NotebookPanel:not(.lm-mod-hidden) [data-command='notebook:run-cell-and-select-next']",
                Duration.ofSeconds(10)).click();
    }

    private void awaitAllExecuted(Duration timeout) {
        // Restart & Run All queues every cell ([*]); the run is done when the cells carry the
        // execution counts 1..n of the fresh kernel, in order, and the kernel is idle
        waitUntil(Duration.ofSeconds(60), "the run to start",
                () -> all(".jp-Notebook .jp-CodeCell").stream().anyMatch(c -> prompt(c).contains("*")));
        waitUntil(timeout, "every code cell executed, [1] to [n] in order", () -> {
            var cells = all(".jp-Notebook .jp-CodeCell");
            if (!"idle".equals(kernelStatus()) || cells.isEmpty()) {
                return false;
            }
            for (int i = 0; i < cells.size(); i++) {
                if (!prompt(cells.get(i)).equals("[" + (i + 1) + "]:")) {
                    return false;
                }
            }
            return true;
        });
    }

    private String prompt(WebElement cell) {
        return cell.findElement(By.cssSelector(".jp-InputArea-prompt")).getText().trim();
    }

    private List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    private List<String> texts(String css) {
        return all(css).stream().map(WebElement::getText).toList();
    }

    private WebElement waitFor(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    private void waitUntil(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException stale) {
                // the page re-rendered under us: look again
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    private void screenshot(String name) throws java.io.IOException {
        Files.write(dir.resolve(name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs one step; on failure saves a screenshot and the page's text under target/browser-lab/failures. */
    private void step(String name, Step body) throws Exception {
        try {
            body.run();
        } catch (Throwable t) {
            Path png = dir.resolve("failures/" + name + ".png");
            try {
                byte[] shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
                Files.write(png, shot);
                Object text = ((JavascriptExecutor) driver).executeScript("return document.body.innerText");
                Files.writeString(dir.resolve("failures/" + name + ".txt"), String.valueOf(text));
                StringBuilder console = new StringBuilder();
                driver.manage().logs().get("browser").forEach(e -> console.append(e).append('\n'));
                Files.writeString(dir.resolve("failures/" + name + ".console.log"), console);
            } catch (RuntimeException ignored) {
                // the browser itself failed; the assertion says why
            }
            throw new AssertionError(name + " failed (screenshot: " + png + ")", t);
        }
    }

    private static String awaitUrl(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                try (var reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("Serving ")) {
                            Matcher m = URL.matcher(line);
                            if (m.find()) {
                                return m.group();
                            }
                        }
                        if (line.startsWith("error:")) {
                            throw new AssertionError("lab failed: " + line);
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("lab printed no URL:\n" + Files.readString(log));
    }

    private static final String INTERRUPT_NOTEBOOK = """
            {
             "cells": [
              {"cell_type": "code", "execution_count": null, "id": "loop", "metadata": {}, "outputs": [],
               "source": ["long n = 0;\\n", "while (true) { n++; }"]},
              {"cell_type": "code", "execution_count": null, "id": "after", "metadata": {}, "outputs": [],
               "source": ["int after = 40 + 2;\\n", "after"]}
             ],
             "metadata": {
              "kernelspec": {"display_name": "Java (EDM workbench)", "language": "java", "name": "edm-java"},
              "language_info": {"name": "java"}
             },
             "nbformat": 4,
             "nbformat_minor": 5
            }
            """;
}
