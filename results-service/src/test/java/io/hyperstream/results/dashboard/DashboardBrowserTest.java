package io.hyperstream.results.dashboard;

import static io.hyperstream.results.ApiSupport.awaitJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.TrialState;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the dashboard in headless Chromium on studies published through Kafka and checks that
 * every plot is drawn with the study's data, counted from the chart library's own option
 * (exposed as data-* attributes of each chart). Screenshots go to {@code target/}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class DashboardBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TopicWriter topics;
    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void start() throws IOException {
        String missing = Chromium.unavailable();
        Assumptions.assumeTrue(missing == null, () -> "dashboard browser test skipped: " + missing);
        topics = new TopicWriter();
        browser = Chromium.start(1400, 1000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void drawsEveryPlotOfAFinishedStudyWithItsData() throws IOException {
        StudyScript study = new StudyScript("dash", 24, 3, 12, 1, 11);
        study.publishAll(topics);
        awaitStored(study, "COMPLETE");
        int complete = study.inState(TrialState.COMPLETE).size();
        int pruned = study.inState(TrialState.PRUNED).size();

        browser.get(root + "study.html?id=" + study.id);
        assertThat(attribute("history", "points")).isEqualTo(String.valueOf(complete));
        assertThat(attribute("history", "complete")).isEqualTo(String.valueOf(complete));
        assertThat(Integer.parseInt(attribute("history", "best"))).isBetween(1, complete);
        assertThat(attribute("intermediate", "curves")).isEqualTo(String.valueOf(study.trials.size()));
        assertThat(attribute("intermediate", "prunedMarks")).isEqualTo(String.valueOf(pruned));
        assertThat(attribute("parallel", "lines")).isEqualTo(String.valueOf(complete));
        assertThat(attribute("parallel", "axes")).isEqualTo("5");
        assertThat(attribute("slice", "params")).isEqualTo("4");
        assertThat(attribute("slice", "points")).isEqualTo(String.join(",", List.of(
                String.valueOf(complete), String.valueOf(complete), String.valueOf(complete), String.valueOf(complete))));
        assertThat(attribute("edf", "points")).isEqualTo(String.valueOf(complete));
        assertThat(attribute("contour", "points")).isEqualTo(String.valueOf(complete));
        assertThat(Integer.parseInt(attribute("contour", "cells"))).isGreaterThanOrEqualTo(3 * 30);
        assertThat(attribute("timeline", "rows")).isEqualTo("3");
        assertThat(attribute("timeline", "bars")).isEqualTo(String.valueOf(study.trials.size()));
        assertThat(attribute("timeline", "peak")).isEqualTo("3");
        assertThat(browser.findElement(By.id("panel-pareto")).isDisplayed()).isFalse();
        assertImportancePanel(4);
        for (String plot : List.of("history", "intermediate", "parallel", "slice", "edf", "contour", "timeline")) {
            WebElement canvas = chart(plot).findElement(By.tagName("canvas"));
            assertThat(canvas.getSize().getWidth()).as(plot + " canvas width").isGreaterThan(200);
        }

        // A categorical parameter gets one contour cell per choice.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("contour-y"))).selectByValue("optimizer");
        awaitAttribute(chart("contour"), "cells", String.valueOf(30 * 3));
        assertThat(attribute("contour", "points")).isEqualTo(String.valueOf(complete));

        WebElement table = browser.findElement(By.id("trials"));
        awaitAttribute(table, "total", String.valueOf(study.trials.size()));
        assertThat(table.getAttribute("data-rows")).isEqualTo(String.valueOf(study.trials.size()));
        assertThat(browser.findElement(By.id("summary")).getText()).contains(study.id).contains("COMPLETE")
                .contains(complete + " complete");
        screenshot("dashboard-study.png");

        // Sorting by value puts the best complete trial first, then (descending) the worst value of any trial.
        table.findElement(By.cssSelector("th[data-sort='value']")).click();
        StudyScript.Trial best = study.inState(TrialState.COMPLETE).stream()
                .min(Comparator.comparingDouble(t -> t.values()[0])).orElseThrow();
        awaitFirstRow(String.valueOf(best.number()));
        table.findElement(By.cssSelector("th[data-sort='value']")).click();
        StudyScript.Trial worst = study.trials.stream().filter(t -> t.state() != TrialState.FAIL)
                .max(Comparator.comparingDouble(t -> t.state() == TrialState.PRUNED ? study.curve(t, t.epochs())[0] : t.values()[0]))
                .orElseThrow();
        awaitFirstRow(String.valueOf(worst.number()));
    }

    @Test
    void showsTheParetoFrontOfAMultiObjectiveStudy() throws IOException {
        StudyScript study = new StudyScript("dash-mo", 30, 2, 6, 2, 5);
        study.publishAll(topics);
        awaitStored(study, "COMPLETE");
        int front = awaitJson("/api/studies/" + study.id + "/pareto-front", json -> { }).getList("$").size();
        int complete = study.inState(TrialState.COMPLETE).size();

        browser.get(root + "study.html?id=" + study.id);
        assertThat(browser.findElement(By.id("panel-pareto")).isDisplayed()).isTrue();
        assertThat(attribute("pareto", "front")).isEqualTo(String.valueOf(front));
        assertThat(attribute("pareto", "others")).isEqualTo(String.valueOf(complete - front));
        assertThat(attribute("history", "points")).isEqualTo(String.valueOf(complete));
        scrollTo("panel-pareto");
        screenshot("dashboard-pareto.png");
    }

    @Test
    void followsARunningStudyLiveAndListsIt() throws IOException {
        StudyScript study = new StudyScript("dash-live", 9, 3, 5, 1, 3);
        study.publishAccepted(topics);
        study.trials.subList(0, 2).forEach(t -> study.publishTrial(topics, t));
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getInt("counts.finished")).isEqualTo(2));

        browser.get(root + "study.html?id=" + study.id);
        WebElement table = browser.findElement(By.id("trials"));
        awaitAttribute(table, "total", "2");
        new WebDriverWait(browser, PATIENCE).until(d -> "open".equals(d.findElement(By.id("live")).getAttribute("data-state")));
        int before = Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-refreshed"));

        // No reload from here: the page follows the study's server-sent events.
        study.trials.subList(2, 9).forEach(t -> study.publishTrial(topics, t));
        awaitAttribute(table, "total", "9");
        int complete = study.inState(TrialState.COMPLETE).size();
        awaitAttribute(chart("history"), "points", String.valueOf(complete));
        awaitAttribute(chart("timeline"), "bars", "9");
        assertThat(Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-refreshed")))
                .isGreaterThan(before);
        screenshot("dashboard-live.png");

        browser.get(root.toString());
        WebElement row = new WebDriverWait(browser, PATIENCE)
                .until(d -> d.findElement(By.cssSelector("tr[data-study='" + study.id + "']")));
        assertThat(row.getText()).contains("RUNNING");
        screenshot("dashboard-studies.png");
        row.findElement(By.tagName("a")).click();
        new WebDriverWait(browser, PATIENCE).until(d -> d.getCurrentUrl().contains("study.html?id=" + study.id));
    }

    /** The importance panel draws one bar per parameter from the importance endpoint. */
    private void assertImportancePanel(int params) {
        WebElement el = chart("importance");
        new WebDriverWait(browser, PATIENCE).until(d -> List.of("ready", "unavailable", "error")
                .contains(el.getAttribute("data-state")));
        assertThat(el.getAttribute("data-state")).as("importance panel: " + el.getText()).isEqualTo("ready");
        assertThat(el.getAttribute("data-bars")).isEqualTo(String.valueOf(params));
    }

    private static void awaitStored(StudyScript study, String state) {
        awaitJson("/api/studies/" + study.id, json -> {
            assertThat(json.getString("state")).isEqualTo(state);
            assertThat(json.getInt("counts.finished")).isEqualTo(study.trials.size());
        });
        // Epoch reports travel on the same partition as the outcomes, so they are stored too.
    }

    private WebElement chart(String plot) {
        return browser.findElement(By.cssSelector("[data-plot='" + plot + "']"));
    }

    /** Waits until the chart is drawn, then returns one of its data-* attributes. */
    private String attribute(String plot, String name) {
        WebElement el = chart(plot);
        new WebDriverWait(browser, PATIENCE).until(d -> {
            String state = el.getAttribute("data-state");
            if ("error".equals(state)) {
                throw new AssertionError(plot + " plot failed: " + el.getText());
            }
            return "ready".equals(state) && el.getDomAttribute("data-" + kebab(name)) != null;
        });
        return el.getDomAttribute("data-" + kebab(name));
    }

    private void awaitAttribute(WebElement el, String name, String expected) {
        new WebDriverWait(browser, PATIENCE).withMessage(() -> "data-" + kebab(name) + " = " + expected
                + ", last " + el.getDomAttribute("data-" + kebab(name)))
                .until(d -> expected.equals(el.getDomAttribute("data-" + kebab(name))));
    }

    private void awaitFirstRow(String number) {
        new WebDriverWait(browser, PATIENCE).withMessage(() -> "first row trial " + number)
                .ignoring(StaleElementReferenceException.class).until(d -> number.equals(
                d.findElement(By.cssSelector("#trials tbody tr")).getDomAttribute("data-number")));
    }

    private void scrollTo(String id) {
        browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    /** Saves the whole page (the window grown to its height) under target/. */
    private void screenshot(String name) throws IOException {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) Math.min(6000, height + 40)));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }
}
