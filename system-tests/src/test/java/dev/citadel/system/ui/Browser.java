package dev.citadel.system.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven through Debian's chromedriver (never a downloaded driver: Selenium Manager is not
 * consulted because both paths are given). Saves screenshots under {@code target/screenshots/}. A copy of
 * web-ui's test helper of the same name (test classes are not shared between modules).
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("citadel.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("citadel.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path screenshots = Path.of("target", "screenshots");

    Browser(int width, int height) {
        this(width, height, null);
    }

    /**
     * @param trustedSpki base64 SHA-256 of the one server public key to accept without a public CA (the edge's, whose
     *                    certificate the test verified against the installation CA), or null
     */
    Browser(int width, int height, String trustedSpki) {
        if (!new File(CHROMEDRIVER).canExecute() || !new File(CHROMIUM).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): run .ci/install-prerequisites");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--lang=en-US");
        if (trustedSpki != null) {
            options.addArguments("--ignore-certificate-errors-spki-list=" + trustedSpki);
        }
        if (width < 500) {
            // Chrome will not size a window below ~500 px wide, even headless: emulate the phone's viewport instead.
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    }

    /** Generous: the machine is shared and slow; waits poll, so a fast run is not slowed down. */
    WebDriverWait waiting() {
        return waiting(Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    /**
     * A wait that polls again when an element it holds was replaced: the pages re-render their tables and cards on a
     * timer, so a row found one instant can be gone the next without anything being wrong.
     */
    WebDriverWait waiting(Duration timeout, Duration interval) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, interval);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Browser console messages at SEVERE, e.g. a Content-Security-Policy violation or a module that failed to load. */
    List<String> severeConsoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
