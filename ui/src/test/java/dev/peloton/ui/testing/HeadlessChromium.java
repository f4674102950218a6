package dev.peloton.ui.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the browser tests of the UI and of applications that use it (published in ui's
 * test-jar), as a JUnit extension: it starts before the test class's first test and quits after its last. Where
 * Chromium or its driver is not installed it skips the test class loudly, through a JUnit assumption with a
 * message, so the build passes on a machine without them; CI installs both.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final HeadlessChromium chrome = new HeadlessChromium(Path.of("target", "screenshots"));
 * ...
 * chrome.login(port, "operator", "pw");
 * chrome.open(port, "/assets");
 * chrome.shot("catalog");
 * </pre>
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Long enough for a run on a busy 2-core machine; a wait ends as soon as its condition holds. */
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** The tallest screenshot {@link #shot} takes. */
    public static final int MAX_SHOT_HEIGHT = 3000;

    private final Path screenshots;
    private ChromeDriver driver;

    /** Screenshots go to {@code screenshots}. */
    public HeadlessChromium(Path screenshots) {
        this.screenshots = screenshots;
    }

    /**
     * Starts Chromium with a fresh profile and a 1400x1000 window; aborts (skips) the test class with a message when
     * Chromium is not installed.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium not installed (" + CHROMIUM + ", " + DRIVER + "): browser tests SKIPPED."
                        + " Install them with: apt-get install -y chromium chromium-driver");
        Path profile = Files.createTempDirectory("peloton-chromium");
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags that work in containers without a GPU or a sandbox, and keep Chromium off the network.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    /** The browser, while the test class runs. */
    public ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("Chromium runs only between beforeAll and afterAll: register this with"
                    + " @RegisterExtension on a static field");
        }
        return driver;
    }

    /** A wait of up to {@link #WAIT}. */
    public WebDriverWait waiting() {
        return new WebDriverWait(driver(), WAIT);
    }

    public static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens {@code path} of the application on {@code port}. */
    public void open(int port, String path) {
        driver().get(url(port, path));
    }

    /** Forgets any session, logs in with the login form and waits for the asset catalog. */
    public void login(int port, String user, String password) {
        driver().manage().deleteAllCookies();
        open(port, "/login");
        driver().findElement(By.id("username")).sendKeys(user);
        driver().findElement(By.id("password")).sendKeys(password);
        driver().findElement(By.id("login-button")).click();
        waiting().until(ExpectedConditions.urlContains("/assets"));
    }

    /**
     * Saves a screenshot of the page as {@code <screenshots>/<name>.png}: the whole page when it is longer than the
     * window (up to {@link #MAX_SHOT_HEIGHT} pixels), so a look at the file shows everything below the fold too.
     */
    public Path shot(String name) {
        Path file = screenshots.resolve(name + ".png");
        ChromeDriver driver = driver();
        Dimension window = driver.manage().window().getSize();
        Object scroll = driver.executeScript("return document.documentElement.scrollHeight;");
        int page = scroll instanceof Number n ? n.intValue() : 0;
        // The window is taller than its viewport by the browser's frame, so compare with the viewport's height.
        Object inner = driver.executeScript("return window.innerHeight;");
        int viewport = inner instanceof Number n ? n.intValue() : window.getHeight();
        boolean grow = page > viewport;
        try {
            if (grow) {
                driver.manage().window().setSize(new Dimension(window.getWidth(),
                        Math.min(MAX_SHOT_HEIGHT, window.getHeight() + page - viewport)));
            }
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        } finally {
            if (grow) {
                driver.manage().window().setSize(window);
            }
        }
        return file;
    }

}
