package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the UI in a real headless Chromium: log in, browse, materialize one partition and watch the run succeed,
 * open the lineage graph. Screenshots of each page go to {@code target/screenshots/}. Skipped (loudly) where
 * Chromium and its driver are not installed.
 */
class BrowserTest extends UiTestSupport {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    static ChromeDriver driver;
    static Path profile;

    @BeforeAll
    static void browser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium not installed: browser tests skipped (apt-get install -y chromium chromium-driver)");
        profile = Files.createTempDirectory("peloton-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    private void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private void login(WebDriver d, String user) {
        d.get(url("/login"));
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys("pw");
        d.findElement(By.id("login-button")).click();
        waiting().until(ExpectedConditions.urlContains("/assets"));
    }

    @Test
    void loginBrowseMaterializeAPartitionAndSeeTheRunSucceed() throws IOException {
        driver.manage().deleteAllCookies();
        driver.get(url("/assets"));
        waiting().until(ExpectedConditions.urlContains("/login"));
        shot("login");
        login(driver, "operator");

        WebElement table = driver.findElement(By.id("asset-table"));
        assertThat(table.getText()).contains("raw/stages", "warehouse/stage_results", "marts/summary");
        shot("catalog");

        driver.findElement(By.linkText("raw/stages")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("asset-key"), "raw/stages"));
        // Select the partition 2023-07-04 (the fourth cell) and preview the plan.
        driver.findElement(By.cssSelector("#healthbar .cell[data-i='3']")).click();
        assertThat(driver.findElement(By.id("partitions-input")).getAttribute("value")).isEqualTo("2023-07-04");
        driver.findElement(By.id("materialize-selected")).click();
        WebElement confirm = waiting().until(ExpectedConditions.elementToBeClickable(By.id("confirm-materialize")));
        assertThat(driver.findElement(By.id("plan-summary")).getText()).startsWith("1 step(s)");
        shot("asset-plan");
        confirm.click();

        waiting().until(ExpectedConditions.urlContains("/runs/"));
        // The page follows the run through server-sent events and redraws itself when the run ends.
        waiting().until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCESS"));
        assertThat(driver.findElement(By.id("gantt")).getText()).contains("raw/stages");
        assertThat(driver.findElement(By.id("events")).getText()).contains("MATERIALIZATION");
        shot("run");

        driver.get(url("/assets/raw/stages"));
        assertThat(driver.findElement(By.id("history")).getText()).contains("2023-07-04");
        assertThat(driver.findElement(By.cssSelector("#healthbar .cell[data-i='3']")).getAttribute("class"))
                .contains("s-FRESH");
        shot("asset-after");

        driver.get(url("/runs"));
        assertThat(driver.findElement(By.id("run-table")).getText()).contains("success");
        shot("runs");
    }

    @Test
    void lineageGraphLinksToAssets() throws IOException {
        driver.manage().deleteAllCookies();
        login(driver, "viewer");
        driver.get(url("/lineage"));
        WebElement node = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//*[local-name()='g'][*[local-name()='text' and text()='marts/summary']]")));
        shot("lineage");
        // A click opens the asset's summary next to the graph, which links to the asset page.
        node.click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("summary-open"))).click();
        waiting().until(ExpectedConditions.textToBe(By.id("asset-key"), "marts/summary"));
        // A viewer sees no materialize buttons.
        assertThat(driver.findElements(By.id("materialize-selected"))).isEmpty();
        driver.get(url("/assets/history/days"));
        // The end of the page: everything before it has been parsed.
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-history"))).getText())
                .isEqualTo("Never materialized.");
        assertThat(driver.findElements(By.cssSelector("#healthbar .cell"))).hasSizeBetween(300, 400);
        shot("asset-many-partitions");
        driver.get(url("/assets/no/such"));
        assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("Unknown asset");
        shot("error-404");
    }
}
