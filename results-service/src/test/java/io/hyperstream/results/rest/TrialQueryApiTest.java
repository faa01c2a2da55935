package io.hyperstream.results.rest;

import static io.hyperstream.results.ApiSupport.getJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hyperstream.results.StudyFixture;
import io.hyperstream.results.TestStudy;
import io.hyperstream.results.service.ResultsRecorder;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Trial pages sorted by value or number, either way, filtered by state and parameter ranges; bad queries are 400s. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class TrialQueryApiTest {

    private static final int TRIALS = 30;

    @Inject
    ResultsRecorder recorder;

    private TestStudy study;

    @BeforeEach
    void load() {
        study = TestStudy.of("query", "minimize");
        StudyFixture.load(recorder, study, TRIALS);
    }

    @Test
    void sortedByValueAscendingTheBestComeFirstAndTrialsWithoutAValueLast() {
        JsonPath page = getJson(trials() + "?sort=value&size=" + TRIALS);
        List<Integer> numbers = page.getList("items.number");
        assertThat(numbers).hasSize(TRIALS);
        assertThat(numbers.get(TRIALS - 1)).as("the failed trial has no value").isEqualTo(3);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < TRIALS - 1; i++) {
            values.add(page.getDouble("items[" + i + "].values[0]"));
        }
        assertThat(values).isSorted();
        assertThat(getJson("/api/studies/" + study.id).getInt("best.number")).as("the best complete trial")
                .isEqualTo(page.getList("items.findAll { it.state == 'COMPLETE' }.number").get(0));
    }

    @Test
    void descendingOrdersReverseButKeepTrialsWithoutAValueLast() {
        List<Integer> byValue = getJson(trials() + "?sort=value&order=desc&size=" + TRIALS).getList("items.number");
        assertThat(byValue.get(TRIALS - 1)).isEqualTo(3);
        assertThat(getJson(trials() + "?order=desc&size=3").getList("items.number")).containsExactly(29, 28, 27);
        assertThat(getJson(trials() + "?sort=NUMBER&order=asc&size=3&page=1").getList("items.number"))
                .containsExactly(3, 4, 5);
    }

    @Test
    void filtersByStateAndParameterRangesCombine() {
        JsonPath lowX = getJson(trials() + "?param.x0=..0&size=100");
        List<Map<String, Object>> expected = new ArrayList<>();
        for (int n = 0; n < TRIALS; n++) {
            Map<String, Object> p = StudyFixture.params(n, TRIALS);
            if ((double) p.get("x0") <= 0) {
                expected.add(p);
            }
        }
        assertThat(lowX.getInt("total")).isEqualTo(expected.size()).isPositive();
        assertThat(lowX.getList("items.params.x0", Double.class)).allMatch(x -> x <= 0);

        JsonPath window = getJson(trials() + "?param.opt.lr=1e-3..1e-2&param.x0=-2..8&state=complete&sort=value");
        assertThat(window.getList("items.state")).containsOnly("COMPLETE");
        assertThat(window.getList("items.params", Map.class)).allSatisfy(p -> {
            assertThat(((Number) p.get("opt.lr")).doubleValue()).isBetween(1e-3, 1e-2);
            assertThat(((Number) p.get("x0")).doubleValue()).isBetween(-2.0, 8.0);
        });
        long expectedCount = 0;
        for (int n = 0; n < TRIALS; n++) {
            Map<String, Object> p = StudyFixture.params(n, TRIALS);
            double lr = (double) p.get("opt.lr");
            double x0 = (double) p.get("x0");
            if (n != 3 && n % 5 != 4 && lr >= 1e-3 && lr <= 1e-2 && x0 >= -2 && x0 <= 8) {
                expectedCount++;
            }
        }
        assertThat(window.getLong("total")).isEqualTo(expectedCount);
        List<Double> values = window.getList("items.values[0]", Double.class);
        assertThat(values).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(getJson(trials() + "?state=pruned").getList("items.number")).containsExactly(4, 9, 14, 19, 24, 29);
    }

    @Test
    void badSortsOrdersObjectivesAndFiltersAre400sNamingTheParameterAndValue() {
        problem("?sort=duration").body("detail", equalTo("sort must be one of [NUMBER, VALUE], but got 'duration'"));
        problem("?order=up").body("detail", equalTo("order must be asc or desc, but got 'up'"));
        problem("?objective=1").body("detail", equalTo("objective must be an integer from 0 to 0, but got 1"));
        problem("?param.lr=1..2").body("detail", startsWith("param.lr: 'lr' is not a parameter of this study"));
        problem("?param.x0=abc").body("detail", equalTo("param.x0 must be a number or a range low..high of numbers"
                + " (such as 1e-4..1e-2, ..0.5 or 3..), but got 'abc'"));
        problem("?param.x0=5..1").body("detail", equalTo("param.x0: low <= high must hold, but got '5..1'"));
        problem("?param.x0=..").body("detail", startsWith("param.x0 must be a range low..high with at least one bound"));
        problem("?colour=red").body("detail", startsWith("unknown query parameter 'colour'"));
        problem("?size=0&page=1").body("detail", equalTo("size must be an integer from 1 to 1000, but got 0"));
        problem("?page=1&page=2").body("detail", equalTo("page must be given once, but got [1, 2]"));
    }

    private io.restassured.response.ValidatableResponse problem(String query) {
        return given().get(trials() + query).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:hyperstream:problem:bad-request"));
    }

    private String trials() {
        return "/api/studies/" + study.id + "/trials";
    }
}
