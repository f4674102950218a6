package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.ui.testing.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the UI in a real headless Chromium: log in, browse, materialize one partition and watch the run succeed,
 * open the lineage graph. Screenshots of each page go to {@code target/screenshots/}. Skipped (loudly) where
 * Chromium and its driver are not installed ({@link HeadlessChromium}).
 */
class BrowserTest extends UiTestSupport {

    @RegisterExtension
    static final HeadlessChromium chrome = new HeadlessChromium(Path.of("target", "screenshots"));

    private String url(String path) {
        return HeadlessChromium.url(port, path);
    }

    private WebDriverWait waiting() {
        return chrome.waiting();
    }

    private void shot(String name) {
        chrome.shot(name);
    }

    @Test
    void loginBrowseMaterializeAPartitionAndSeeTheRunSucceed() {
        chrome.driver().manage().deleteAllCookies();
        chrome.driver().get(url("/assets"));
        waiting().until(ExpectedConditions.urlContains("/login"));
        shot("login");
        chrome.login(port, "operator", "pw");

        WebElement table = chrome.driver().findElement(By.id("asset-table"));
        assertThat(table.getText()).contains("raw/stages", "warehouse/stage_results", "marts/summary");
        shot("catalog");

        chrome.driver().findElement(By.linkText("raw/stages")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("asset-key"), "raw/stages"));
        // Select the partition 2023-07-04 (the fourth cell) and preview the plan.
        chrome.driver().findElement(By.cssSelector("#healthbar .cell[data-i='3']")).click();
        assertThat(chrome.driver().findElement(By.id("partitions-input")).getAttribute("value")).isEqualTo("2023-07-04");
        chrome.driver().findElement(By.id("materialize-selected")).click();
        WebElement confirm = waiting().until(ExpectedConditions.elementToBeClickable(By.id("confirm-materialize")));
        assertThat(chrome.driver().findElement(By.id("plan-summary")).getText()).startsWith("1 step(s)");
        shot("asset-plan");
        confirm.click();

        waiting().until(ExpectedConditions.urlContains("/runs/"));
        // The page follows the run through server-sent events and redraws itself when the run ends.
        waiting().until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCESS"));
        assertThat(chrome.driver().findElement(By.id("gantt")).getText()).contains("raw/stages");
        assertThat(chrome.driver().findElement(By.id("events")).getText()).contains("MATERIALIZATION");
        shot("run");

        chrome.driver().get(url("/assets/raw/stages"));
        assertThat(chrome.driver().findElement(By.id("history")).getText()).contains("2023-07-04");
        assertThat(chrome.driver().findElement(By.cssSelector("#healthbar .cell[data-i='3']")).getAttribute("class"))
                .contains("s-FRESH");
        shot("asset-after");

        chrome.driver().get(url("/runs"));
        assertThat(chrome.driver().findElement(By.id("run-table")).getText()).contains("success");
        shot("runs");
    }

    @Test
    void lineageGraphLinksToAssets() {
        chrome.login(port, "viewer", "pw");
        chrome.driver().get(url("/lineage"));
        WebElement node = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//*[local-name()='g'][*[local-name()='text' and text()='marts/summary']]")));
        shot("lineage");
        // A click opens the asset's summary next to the graph, which links to the asset page.
        node.click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("summary-open"))).click();
        waiting().until(ExpectedConditions.textToBe(By.id("asset-key"), "marts/summary"));
        // A viewer sees no materialize buttons.
        assertThat(chrome.driver().findElements(By.id("materialize-selected"))).isEmpty();
        chrome.driver().get(url("/assets/history/days"));
        // The end of the page: everything before it has been parsed.
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-history"))).getText())
                .isEqualTo("Never materialized.");
        assertThat(chrome.driver().findElements(By.cssSelector("#healthbar .cell"))).hasSizeBetween(300, 400);
        shot("asset-many-partitions");
        chrome.driver().get(url("/assets/no/such"));
        assertThat(chrome.driver().findElement(By.id("error-title")).getText()).isEqualTo("Unknown asset");
        shot("error-404");
    }
}
