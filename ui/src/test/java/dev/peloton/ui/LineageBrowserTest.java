package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.ui.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lineage graph in a real headless Chromium: pan and zoom, click a node for its summary and its lineage
 * highlighted, shift-click a second node, materialize both and watch the run succeed. Screenshots go to
 * {@code target/screenshots/lineage-*.png}. Skipped (loudly) where Chromium is not installed.
 */
class LineageBrowserTest extends UiTestSupport {

    @RegisterExtension
    static final HeadlessChromium chrome = new HeadlessChromium(Path.of("target", "screenshots"));

    private ChromeDriver driver;

    @BeforeEach
    void driver() {
        driver = chrome.driver();
    }

    private String url(String path) {
        return HeadlessChromium.url(port, path);
    }

    private WebDriverWait waiting() {
        return chrome.waiting();
    }

    private void login(String user) {
        chrome.login(port, user, "pw");
    }

    private static By node(String key) {
        return By.xpath("//*[local-name()='g'][*[local-name()='text' and text()='" + key + "']]");
    }

    private String classes(String key) {
        return driver.findElement(node(key)).getAttribute("class");
    }

    private void openGraph(String path) {
        driver.get(url(path));
        waiting().until(ExpectedConditions.attributeToBe(By.id("lineage-svg"), "data-drawn", "true"));
    }

    private String viewBox() {
        return (String) driver.executeScript("return document.getElementById('lineage-svg').getAttribute('viewBox')");
    }

    private double viewBoxPart(int i) {
        return Double.parseDouble(viewBox().split(" ")[i]);
    }

    @Test
    void selectHighlightMaterializeTwoNodesAndSeeTheRunSucceed() {
        login("operator");
        openGraph("/lineage");
        chrome.shot("lineage-graph");

        // One click: the summary comes from the server, the lineage is highlighted and the rest dimmed.
        driver.findElement(node("warehouse/stage_results")).click();
        WebElement summary = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#summary[data-key='warehouse/stage_results']")));
        assertThat(summary.getText()).contains("Results per stage").contains("warehouse").contains("23 daily");
        assertThat(classes("warehouse/stage_results")).contains("sel");
        assertThat(classes("raw/stages")).contains("up").doesNotContain("down");
        assertThat(classes("marts/summary")).contains("down").doesNotContain("up");
        assertThat(classes("history/days")).doesNotContain("up").doesNotContain("down").doesNotContain("sel");
        assertThat(driver.findElement(By.id("lineage-svg")).getAttribute("class")).contains("dim");
        String highlighted = driver.findElement(By.cssSelector("path.edge-hl")).getAttribute("d");
        assertThat(highlighted.chars().filter(c -> c == 'M').count()).as(highlighted).isEqualTo(2);
        assertThat(driver.findElement(By.id("selected-count")).getText()).isEqualTo("1 asset selected");
        chrome.shot("lineage-selected");

        // Shift-click adds raw/stages; the materialize buttons carry both keys.
        new Actions(driver).keyDown(Keys.SHIFT).click(driver.findElement(node("raw/stages"))).keyUp(Keys.SHIFT)
                .perform();
        waiting().until(ExpectedConditions.textToBe(By.id("selected-count"), "2 assets selected"));
        assertThat(classes("raw/stages")).contains("sel");
        assertThat(driver.findElement(By.id("selected-keys")).getText()).contains("raw/stages")
                .contains("warehouse/stage_results");
        driver.findElement(By.id("materialize-selection")).click();
        WebElement confirm = waiting().until(ExpectedConditions.elementToBeClickable(By.id("confirm-materialize")));
        assertThat(driver.findElement(By.id("plan-summary")).getText()).contains("step(s)");
        assertThat(driver.findElement(By.id("plan")).getText()).contains("2 asset(s)");
        chrome.shot("lineage-plan");
        confirm.click();

        waiting().until(ExpectedConditions.urlContains("/runs/"));
        new WebDriverWait(driver, Duration.ofSeconds(90))
                .until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCESS"));
        assertThat(driver.findElement(By.id("gantt")).getText()).contains("raw/stages")
                .contains("warehouse/stage_results");
        chrome.shot("lineage-run");

        openGraph("/lineage?selection=%2Bwarehouse/stage_results");
        assertThat(classes("raw/stages")).contains("s-FRESH");
        assertThat(classes("warehouse/stage_results")).contains("s-FRESH");
        chrome.shot("lineage-after-run");
    }

    @Test
    void wheelZoomsAroundTheCursorDragPansAndFitShowsEverything() {
        login("viewer");
        openGraph("/lineage");
        assertThat(driver.findElements(By.id("materialize-selection"))).isEmpty();
        String fitted = viewBox();
        double width = viewBoxPart(2);
        WebElement graph = driver.findElement(By.id("graph"));
        driver.executeScript("var g = arguments[0], r = g.getBoundingClientRect();"
                + "g.dispatchEvent(new WheelEvent('wheel', {deltaY: -400, clientX: r.left + 200,"
                + " clientY: r.top + 150, bubbles: true, cancelable: true}));", graph);
        waiting().until(d -> viewBoxPart(2) < width / 1.5);
        chrome.shot("lineage-zoomed");

        double x = viewBoxPart(0);
        new Actions(driver).moveToElement(graph, -200, 100).clickAndHold().moveByOffset(120, 40)
                .moveByOffset(60, 20).release().perform();
        waiting().until(d -> viewBoxPart(0) < x - 10);
        // A drag selects nothing.
        assertThat(driver.findElement(By.id("selected-count")).getText()).isEqualTo("No asset selected");

        driver.findElement(By.id("zoom-fit")).click();
        waiting().until(d -> viewBox().equals(fitted));

        // Double-click opens the asset page.
        new Actions(driver).doubleClick(driver.findElement(node("marts/summary"))).perform();
        waiting().until(ExpectedConditions.textToBe(By.id("asset-key"), "marts/summary"));
    }

    @Test
    void theAssetPageOpensTheGraphOnItsAssetSelected() {
        login("viewer");
        driver.get(url("/assets/warehouse/stage_results"));
        // The page's own Lineage link (the top bar has one too, without a focus).
        driver.findElement(By.cssSelector("main a[href*='focus=']")).click();
        waiting().until(ExpectedConditions.attributeToBe(By.id("lineage-svg"), "data-drawn", "true"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#summary[data-key='warehouse/stage_results']")));
        assertThat(classes("warehouse/stage_results")).contains("sel").contains("focus");
        assertThat(classes("raw/stages")).contains("up");
    }
}
