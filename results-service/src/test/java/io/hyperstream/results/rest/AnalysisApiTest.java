package io.hyperstream.results.rest;

import static io.hyperstream.results.ApiSupport.getJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Importances, exports and reports of a finished study, and their refusals of bad input. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class AnalysisApiTest {

    private static final int TRIALS = 40;

    @Inject
    ResultsRecorder recorder;

    private TestStudy loaded(String prefix) {
        TestStudy study = TestStudy.of(prefix, "minimize");
        StudyFixture.load(recorder, study, TRIALS);
        return study;
    }

    @Test
    void importancesNameTheParameterThatDrivesTheValueWithEitherMethod() {
        TestStudy study = loaded("importance");
        JsonPath fanova = getJson("/api/studies/" + study.id + "/importances?method=fanova&seed=3");
        assertThat(fanova.getString("studyId")).isEqualTo(study.id);
        assertThat(fanova.getString("method")).isEqualTo("fanova");
        assertThat(fanova.getInt("objective")).isZero();
        assertThat(fanova.getInt("seed")).isEqualTo(3);
        int complete = TRIALS - 1 - TRIALS / 5;
        assertThat(fanova.getInt("trials")).isEqualTo(complete);
        assertThat(fanova.getList("importances.param")).containsExactly("x0", "opt.lr");
        assertThat(fanova.getDouble("importances[0].importance")).isGreaterThan(0.9);
        assertThat(fanova.getDouble("importances[0].importance") + fanova.getDouble("importances[1].importance"))
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(getJson("/api/studies/" + study.id + "/importances?seed=3").getList("importances.importance"))
                .as("fanova is the default and a seed gives the same importances").isEqualTo(
                        fanova.getList("importances.importance"));

        JsonPath ped = getJson("/api/studies/" + study.id + "/importances?method=ped-anova");
        assertThat(ped.getString("method")).isEqualTo("ped-anova");
        assertThat(ped.getString("seed")).isNull();
        assertThat(ped.getList("importances.param").get(0)).isEqualTo("x0");
        assertThat(getJson("/api/studies/" + study.id + "/importances?method=ped-anova&params=opt.lr")
                .getList("importances.param")).containsExactly("opt.lr");
    }

    @Test
    void importancesNeedTwoCompleteTrialsAndRefuseBadParameters() {
        TestStudy empty = TestStudy.of("no-trials", "minimize");
        recorder.record(empty.accepted());
        JsonPath none = getJson("/api/studies/" + empty.id + "/importances");
        assertThat(none.getList("importances")).isEmpty();
        assertThat(none.getString("message")).contains("at least 2 complete trials").contains("there are 0");

        TestStudy study = loaded("bad-importance");
        String path = "/api/studies/" + study.id + "/importances";
        problem(path + "?method=shap", 400).body("detail", equalTo("method must be fanova or ped-anova, but got 'shap'"));
        problem(path + "?seed=x", 400).body("detail", equalTo("seed must be a whole number, but got 'x'"));
        problem(path + "?objective=2", 400).body("detail", equalTo("objective must be an integer from 0 to 0, but got 2"));
        problem(path + "?params=depth", 400).body("detail", startsWith("params: 'depth' is not a parameter of the study"));
        problem("/api/studies/no-such-study/importances", 404);
        TestStudy rejected = TestStudy.of("rejected-importance", "minimize");
        recorder.record(rejected.rejected("bad spec"));
        problem("/api/studies/" + rejected.id + "/importances", 409).body("detail", containsString("was not accepted"));
    }

    @Test
    void theExportHasOptunasTrialsDataframeColumnsInCsvAndJson() {
        TestStudy study = loaded("export");
        String csv = given().queryParam("format", "csv").get("/api/studies/" + study.id + "/export").then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString(study.id + "-trials.csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("number,value,datetime_start,datetime_complete,duration,params_opt.lr,"
                + "params_x0,user_attrs_accuracy,user_attrs_null_accuracy,user_attrs_trainer_id,user_attrs_value,state");
        assertThat(lines).hasSize(TRIALS + 1);
        String[] trial0 = lines.get(1).split(",", -1);
        assertThat(trial0[0]).isEqualTo("0");
        assertThat(Double.parseDouble(trial0[1])).isEqualTo(StudyFixture.value(StudyFixture.params(0, TRIALS)));
        assertThat(trial0[2]).endsWith("Z");
        assertThat(Double.parseDouble(trial0[4])).isGreaterThanOrEqualTo(0);
        assertThat(trial0[9]).isEqualTo("trainer-1");
        assertThat(trial0[11]).isEqualTo("COMPLETE");
        String[] failed = lines.get(4).split(",", -1);
        assertThat(failed[1]).as("a failed trial has no value").isEmpty();
        assertThat(failed[11]).isEqualTo("FAIL");

        JsonPath json = given().accept("application/json").get("/api/studies/" + study.id + "/export").then()
                .statusCode(200).contentType(startsWith("application/json")).extract().jsonPath();
        assertThat(json.getList("$")).hasSize(TRIALS);
        Map<String, Object> row = json.getMap("[4]");
        assertThat(row.keySet()).containsExactly(lines.get(0).split(","));
        assertThat(row).containsEntry("state", "PRUNED").containsEntry("number", 4);
        assertThat(given().accept("text/csv").get("/api/studies/" + study.id + "/export").then().statusCode(200)
                .extract().asString()).isEqualTo(csv);
        problem("/api/studies/" + study.id + "/export?format=xlsx", 400)
                .body("detail", equalTo("format must be csv or json, but got 'xlsx'"));
        problem("/api/studies/no-such-study/export", 404);
    }

    @Test
    void theReportShowsTheBestTrialTheBaselineAndThePlotsInHtmlAndMarkdown() {
        TestStudy study = loaded("report");
        JsonPath detail = getJson("/api/studies/" + study.id);
        int best = detail.getInt("best.number");
        assertThat(detail.getDouble("nullAccuracy")).isEqualTo(StudyFixture.NULL_ACCURACY);

        String html = given().accept("text/html").get("/api/studies/" + study.id + "/report").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Trial " + best + " is best")
                .contains("Null-accuracy baseline: 0.75").contains("null-accuracy baseline</th>")
                .contains("<td>accuracy</td>").contains("<td>trainers</td><td>2: trainer-1, trainer-2</td>")
                .doesNotContain("src=\"http")
                .doesNotContain("<script");
        assertThat(count(html, "<svg")).as("history, learning curves, importances").isEqualTo(3);
        assertThat(html).contains("Optimization history").contains("best so far").contains("Intermediate values")
                .contains("Parameter importance (fanova");
        assertThat(html).contains("./hpo run study.yaml --trainers 2").contains("name: \"report\"");

        String md = given().get("/api/studies/" + study.id + "/report?format=md").then().statusCode(200)
                .contentType(startsWith("text/markdown")).extract().asString();
        assertThat(md).startsWith("# Experiment report: report (" + study.id + ")").contains("Trial " + best + " is best")
                .contains("| accuracy |").contains("Null-accuracy baseline: 0.75");
        Matcher images = Pattern.compile("!\\[[^]]*]\\(data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\\)").matcher(md);
        int figures = 0;
        while (images.find()) {
            String svg = new String(Base64.getDecoder().decode(images.group(1)), StandardCharsets.UTF_8);
            assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
            figures++;
        }
        assertThat(figures).isEqualTo(3);
        assertThat(given().accept("text/markdown").get("/api/studies/" + study.id + "/report").then()
                .contentType(startsWith("text/markdown")).extract().asString()).startsWith("# Experiment report");
        problem("/api/studies/" + study.id + "/report?format=pdf", 400)
                .body("detail", equalTo("format must be html or md, but got 'pdf'"));
        problem("/api/studies/no-such-study/report?format=md", 404);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static io.restassured.response.ValidatableResponse problem(String path, int status) {
        return given().get(path).then().statusCode(status).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status));
    }
}
