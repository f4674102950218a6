package dev.peloton.tdf.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.ui.testing.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tour de France example in a real headless Chromium, at the tiny scale, as its users meet it: log in, find the
 * assets and the lineage graph, materialize one race day from an asset page and watch the run succeed, select
 * race days by dragging across the health bar, launch a backfill of three race days from the form and see them
 * turn fresh; and a VIEWER, who gets no button and a 403 from the API. Screenshots of every page go to
 * {@code target/screenshots/}. Skipped, with a message, where Chromium is not installed.
 */
class ExampleBrowserTest extends ExampleUiTestSupport {

    @RegisterExtension
    static final HeadlessChromium chrome = new HeadlessChromium(Path.of("target", "screenshots"));

    @Autowired
    AssetGraph graph;

    void open(String path) {
        chrome.open(port, path);
    }

    WebElement cell(int index) {
        return chrome.driver().findElement(By.cssSelector("#healthbar .cell[data-i='" + index + "']"));
    }

    String cellStatus(int index) {
        return cell(index).getAttribute("class");
    }

    @Test
    void operatorMaterializesARaceDayAndBackfillsThreeFromTheUi() {
        open("/assets");
        chrome.waiting().until(ExpectedConditions.urlContains("/login"));
        chrome.shot("login");
        chrome.login(port, "operator", PASSWORD);

        // The catalog lists the example's assets, and the top bar leads to the race dashboard.
        String catalog = chrome.driver().findElement(By.id("asset-table")).getText();
        assertThat(catalog).contains("landing/race_points", "staging/race_points", "marts/stage_results",
                "marts/general_classification", "landing/riders");
        WebElement dashboardLink = chrome.driver().findElement(By.linkText("Race dashboard"));
        assertThat(dashboardLink.getAttribute("href")).endsWith("/tdf");
        chrome.shot("catalog");

        // The lineage graph draws every asset of the example.
        open("/lineage");
        chrome.waiting().until(ExpectedConditions.attributeToBe(By.id("lineage-svg"), "data-drawn", "true"));
        for (AssetKey key : graph.definitions().stream().map(d -> d.key()).toList()) {
            assertThat(chrome.driver().findElements(lineageNode(key.toString())))
                    .as("lineage node of %s", key).hasSize(1);
        }
        chrome.shot("lineage");

        // Materialize stage 1 (2023-07-01, the first cell) from the asset page: plan first, then the run page.
        open("/assets/landing/race_points");
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("asset-key"), "landing/race_points"));
        cell(0).click();
        assertThat(chrome.driver().findElement(By.id("partitions-input")).getAttribute("value")).isEqualTo("2023-07-01");
        chrome.driver().findElement(By.id("materialize-selected")).click();
        WebElement start = chrome.waiting().until(ExpectedConditions.elementToBeClickable(
                By.id("confirm-materialize")));
        assertThat(chrome.driver().findElement(By.id("plan-summary")).getText()).startsWith("1 step(s)");
        chrome.shot("asset-plan");
        start.click();
        chrome.waiting().until(ExpectedConditions.urlContains("/runs/"));
        // The run page follows the run through server-sent events and redraws itself when it ends.
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCESS"));
        assertThat(chrome.driver().findElement(By.id("gantt")).getText()).contains("landing/race_points[2023-07-01]");
        assertThat(chrome.driver().findElement(By.id("events")).getText()).contains("MATERIALIZATION", "RUN_FINISHED");
        chrome.shot("run-one-day");

        // Back on the asset page: the day is fresh, and its row count is a dot of the chart.
        open("/assets/landing/race_points");
        assertThat(cellStatus(0)).contains("s-FRESH");
        assertThat(cellStatus(1)).contains("s-MISSING");
        WebElement dot = chrome.driver().findElement(By.cssSelector("#row-count-chart circle.dot"));
        assertThat(dot.getAttribute("data-partition")).isEqualTo("2023-07-01");
        assertThat(Long.parseLong(dot.getAttribute("data-rows"))).isPositive();

        // Drag from the second cell to the fourth: those three race days are selected, as one range.
        new Actions(chrome.driver()).clickAndHold(cell(1)).moveToElement(cell(2)).moveToElement(cell(3)).release().perform();
        assertThat(chrome.driver().findElement(By.id("partitions-input")).getAttribute("value"))
                .isEqualTo("2023-07-02...2023-07-04");
        assertThat(chrome.driver().findElement(By.id("selection-text")).getText()).isEqualTo("2023-07-02 to 2023-07-04");
        assertThat(chrome.driver().findElements(By.cssSelector("#healthbar .cell.selected"))).hasSize(3);
        // A plain click afterwards selects that one cell again, and ctrl-drag adds to the selection.
        cell(5).click();
        assertThat(chrome.driver().findElement(By.id("partitions-input")).getAttribute("value")).isEqualTo("2023-07-06");
        new Actions(chrome.driver()).keyDown(Keys.CONTROL).clickAndHold(cell(8)).moveToElement(cell(9))
                .release().keyUp(Keys.CONTROL).perform();
        assertThat(chrome.driver().findElement(By.id("partitions-input")).getAttribute("value"))
                .isEqualTo("2023-07-06,2023-07-09...2023-07-11");
        chrome.shot("asset-drag-selection");

        // A backfill of three race days (stages 4 to 6), landing and staging, in one run, from the form.
        open("/backfills/new?selection=%2Bstaging/race_points");
        assertThat(chrome.driver().findElement(By.id("bf-selection")).getAttribute("value")).isEqualTo("+staging/race_points");
        chrome.driver().findElement(By.id("bf-from")).sendKeys("2023-07-04");
        chrome.driver().findElement(By.id("bf-to")).sendKeys("2023-07-06");
        chrome.driver().findElement(By.cssSelector("input[name='policy'][value='singleRun']")).click();
        chrome.driver().findElement(By.id("preview-backfill")).click();
        WebElement launch = chrome.waiting().until(ExpectedConditions.elementToBeClickable(By.id("launch-backfill")));
        assertThat(chrome.driver().findElement(By.id("preview-summary")).getText())
                .startsWith("1 run(s) over 3 partition(s) of ").contains("6 step(s)");
        chrome.shot("backfill-form");
        launch.click();
        chrome.waiting().until(ExpectedConditions.urlMatches("/backfills/[0-9a-f-]{36}$"));
        // The progress card reloads itself while the backfill runs.
        chrome.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("backfill-counts"),
                "3 succeeded"));
        // ...and so does its status, without a reload of the page.
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("backfill-status"), "COMPLETED"));
        assertThat(chrome.driver().findElement(By.id("backfill-bar")).findElements(By.cssSelector(".seg.b-SUCCEEDED")))
                .isNotEmpty();
        chrome.shot("backfill");

        open("/assets/staging/race_points");
        for (int i : new int[] {3, 4, 5}) {
            assertThat(cellStatus(i)).as("staging/race_points, race day %d", i).contains("s-FRESH");
        }
        assertThat(cellStatus(0)).as("stage 1 was materialized in landing only").contains("s-MISSING");
        chrome.shot("asset-after-backfill");
        open("/assets/landing/race_points");
        for (int i : new int[] {0, 3, 4, 5}) {
            assertThat(cellStatus(i)).as("landing/race_points, race day %d", i).contains("s-FRESH");
        }
        assertThat(chrome.driver().findElements(By.cssSelector("#row-count-chart circle.dot"))).hasSize(4);
        chrome.shot("asset");

        // The backfill's run, with its six steps on the Gantt chart.
        open("/runs");
        chrome.shot("runs");
        chrome.driver().findElement(By.cssSelector("#run-table a[href^='/runs/']")).click();
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCESS"));
        assertThat(chrome.driver().findElements(By.cssSelector("#gantt .gantt-row"))).hasSize(6);
        // It names who started it, links its backfill, and folds Peloton's bookkeeping tags away.
        assertThat(chrome.driver().findElement(By.tagName("dl")).getText()).contains("user=operator")
                .doesNotContain("peloton/backfill_id");
        assertThat(chrome.driver().findElement(By.cssSelector("#system-tags summary")).getText()).endsWith("Peloton tags");
        assertThat(chrome.driver().findElement(By.id("run-backfill")).getAttribute("href")).contains("/backfills/");
        chrome.shot("run");

        // The graph again: the marts, never materialized, are missing.
        open("/lineage");
        chrome.waiting().until(ExpectedConditions.attributeToBe(By.id("lineage-svg"), "data-drawn", "true"));
        assertThat(chrome.driver().findElement(lineageNode("marts/stage_results")).getAttribute("class"))
                .contains("s-MISSING");
        chrome.shot("lineage-after");
        open("/assets");
        assertThat(chrome.driver().findElement(By.cssSelector("#asset-table tr[data-key='staging/race_points']")).getText())
                .contains("3 fresh", "18 missing");
        chrome.shot("catalog-after");

        open("/assets/landing/race_points/preview?partition=2023-07-06");
        assertThat(chrome.driver().findElement(By.id("preview-rows")).getText()).contains("2023-07-06");
        chrome.shot("preview");
        open("/schedules");
        assertThat(chrome.driver().findElement(By.tagName("main")).getText()).contains("race_points");
        chrome.shot("schedules");
        chrome.driver().findElement(By.linkText("Race dashboard")).click();
        chrome.waiting().until(ExpectedConditions.urlContains("/tdf"));
        assertThat(chrome.driver().findElement(By.tagName("h1")).getText()).startsWith("Tour de France 2023");
        chrome.shot("dashboard");
    }

    @Test
    void aViewerSeesNoMaterializeButtonAndGetsA403FromTheApi() throws IOException, InterruptedException {
        chrome.login(port, "viewer", PASSWORD);
        open("/assets/marts/stage_results");
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("asset-key"), "marts/stage_results"));
        assertThat(chrome.driver().findElements(By.cssSelector("#healthbar .cell"))).hasSize(21);
        assertThat(chrome.driver().findElements(By.id("materialize-selected"))).isEmpty();
        assertThat(chrome.driver().findElements(By.id("materialize-stale"))).isEmpty();
        assertThat(chrome.driver().findElements(By.id("backfill-link"))).isEmpty();
        chrome.shot("viewer-asset");

        String before = queued();
        HttpClient http = HttpClient.newHttpClient();
        // Reading works with the viewer's password, so the 403 below is about the role, not the login.
        HttpResponse<String> read = http.send(api("viewer", "/api/assets").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("marts/stage_results");
        for (String[] call : List.of(
                new String[] {"/api/materialize", "{\"selection\": \"marts/stage_results\","
                        + " \"partitions\": {\"keys\": [\"2023-07-01\"]}}"},
                new String[] {"/api/backfills", "{\"selection\": \"+marts/stage_results\","
                        + " \"partitions\": {\"range\": {\"from\": \"2023-07-01\", \"to\": \"2023-07-03\"}}}"})) {
            HttpResponse<String> r = http.send(api("viewer", call[0]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("POST %s as a viewer: %s", call[0], r.body()).isEqualTo(403);
        }
        assertThat(queued()).as("runs and backfills after the refused calls").isEqualTo(before);
    }

    HttpRequest.Builder api(String user, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(HeadlessChromium.url(port, path)))
                .header("Authorization", "Basic " + basic);
    }

    /** A node of the lineage graph: an SVG group labelled with the asset key. */
    private static By lineageNode(String key) {
        return By.xpath("//*[local-name()='g'][*[local-name()='text' and text()='" + key + "']]");
    }
}
