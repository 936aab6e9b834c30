package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the live view in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, used as installed: nothing is downloaded): the page loads during a training
 * run, its curve grows, its Stop button ends the run early with MATLAB's stop reason, and the
 * final panel shows the diagnosis of the curves with its remedy.
 */
@Timeout(180)
class LiveViewBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theCurveGrowsAndStopEndsTrainingEarly(@TempDir Path temp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium "
                        + "and /usr/bin/chromedriver): apt-get install chromium chromium-driver");
        Path out = temp.resolve("run");
        try (BackgroundRun run = BackgroundRun.start("digits", "--per-class", "20", "--hidden",
                "8", "--epochs", "100000", "--patience", "inf", "--threads", "1", "--plots",
                "live", "--json", "--out", out.toString())) {
            WebDriver browser = chromium(temp.resolve("profile"));
            String diagnosis;
            String remedy;
            try {
                browser.get(run.address().toString());
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                wait.until(b -> points(b) > 0 && "running".equals(state(b)));
                int seen = points(browser);
                String iteration = text(browser, "info-iteration");
                wait.until(b -> points(b) > seen);
                assertThat(iterationNumber(text(browser, "info-iteration")))
                        .isGreaterThanOrEqualTo(iterationNumber(iteration));
                assertThat(text(browser, "title")).isEqualTo("Training Progress");
                assertThat(browser.findElements(By.cssSelector("#chart canvas"))).hasSize(2);

                browser.findElement(By.id("stop")).click();
                wait.until(b -> "finished".equals(state(b)));

                assertThat(text(browser, "status"))
                        .isEqualTo("Training finished: Stopped manually");
                assertThat(text(browser, "info-reason")).isEqualTo("Stopped manually");
                assertThat(browser.findElement(By.id("stop")).isEnabled()).isFalse();
                diagnosis = text(browser, "info-diagnosis");
                remedy = text(browser, "info-remedy");
                // The remedy is a paragraph under its label, not squeezed beside it.
                assertThat(script(browser, "return document.getElementById('info-remedy')"
                        + ".className;")).isEqualTo("text");
                // Everything the page loaded came from the Descent server itself.
                @SuppressWarnings("unchecked")
                List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
                        "return performance.getEntriesByType('resource').map(e => e.name);");
                assertThat(loaded).isNotEmpty().allSatisfy(url ->
                        assertThat(url).startsWith(run.address().toString()));
            } finally {
                browser.quit();
            }
            CommandRunner done = run.finish();

            assertThat(done.status()).as(done.err()).isZero();
            assertThat(done.out()).contains("\"stop_reason\":\"Stopped manually\"");
            Matcher epochs = Pattern.compile("\"epochs\":(\\d+)").matcher(done.out());
            assertThat(epochs.find()).isTrue();
            assertThat(Integer.parseInt(epochs.group(1))).isBetween(1, 99_999);
            assertThat(out.resolve("model.descent")).isNotEmptyFile();
            // The page's information panel shows the diagnosis the command reports.
            assertThat(diagnosis).isNotEmpty();
            assertThat(done.out()).contains("\"diagnosis\":\"" + diagnosis + "\"",
                    "\"remedy\":\"" + remedy + "\"");
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,800", "--user-data-dir=" + profile);
        // The installed driver, named outright: Selenium Manager is never asked to download.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY,
                CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    // Read in one script each: the page may replace its elements between two driver calls.

    private static int points(WebDriver browser) {
        return Integer.parseInt(script(browser,
                "return document.getElementById('chart').dataset.points;"));
    }

    private static String state(WebDriver browser) {
        return script(browser, "return document.body.dataset.state;");
    }

    private static String text(WebDriver browser, String id) {
        return script(browser, "var e = document.getElementById('" + id + "');"
                + " return e ? e.textContent.trim() : '';");
    }

    private static String script(WebDriver browser, String code) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(code));
    }

    /** 120 from "120 of 200000". */
    private static int iterationNumber(String text) {
        return Integer.parseInt(text.substring(0, text.indexOf(' ')));
    }
}
