package io.hyperstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hyperstream.local.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user sees for each command and each bad input, up to the point where a broker is needed. */
class HpoCommandTest {

    private static final String VALID_SPEC = """
            name: tiny
            direction: minimize
            search_space:
              - {name: x, type: float, low: 0, high: 1}
            objective: {kind: synthetic, settings: {function: sphere}, metric: value, max_epochs: 2}
            budget: {n_trials: 2}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;
    private volatile String requestedPath;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int hpo(String... args) {
        return Hpo.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void withoutACommandPrintsUsageAndExits2() {
        assertThat(hpo()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required").contains("run").contains("status");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        assertThat(hpo("--help")).isZero();
        assertThat(out.toString()).contains("run", "local", "submit", "status", "Exit codes", ".hpo/logs");
    }

    @Test
    void runDefaultsToTwoTrainersAndStartsTheStackItself() {
        CommandLine.ParseResult parsed = Hpo.commandLine().parseArgs("run", "examples/branin.yaml");
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(run.trainers).isEqualTo(2);
        assertThat(run.bootstrap).isNull();
        assertThat(run.api).isNull();
        assertThat(run.studyId).isNull();
        assertThat(run.specFile).isEqualTo(Path.of("examples/branin.yaml"));
    }

    @Test
    void runTakesItsOptions() {
        CommandLine.ParseResult parsed = Hpo.commandLine().parseArgs("run", "s.yaml", "--trainers", "4",
                "--bootstrap", "kafka:9092", "--api", "http://results:8080", "--study-id", "my-study");
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(run.trainers).isEqualTo(4);
        assertThat(run.bootstrap).isEqualTo("kafka:9092");
        assertThat(run.api).isEqualTo("http://results:8080");
        assertThat(run.studyId).isEqualTo("my-study");
    }

    @Test
    void localDefaultsToTwoTrainersAndTheRepositoryDataFolder() {
        CommandLine.ParseResult parsed = Hpo.commandLine().parseArgs("local");
        LocalCommand local = (LocalCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(local.trainers).isEqualTo(2);
        assertThat(local.data).isNull();
    }

    @Test
    void statusDefaultsToTheLocalApi() {
        CommandLine.ParseResult parsed = Hpo.commandLine().parseArgs("status", "abc");
        StatusCommand status = (StatusCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(status.api).isEqualTo("http://127.0.0.1:8080");
        assertThat(status.studyId).isEqualTo("abc");
    }

    @Test
    void aMissingSpecFileExits2() {
        assertThat(hpo("run", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("study spec file not found").contains("nope.yaml");
    }

    @Test
    void anInvalidSpecExits2NamingTheFieldBeforeStartingAnything() throws IOException {
        Path bad = file("bad.yaml", VALID_SPEC.replace("low: 0, high: 1", "low: 5, high: 1"));
        assertThat(hpo("run", bad.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("invalid study spec")
                .contains("search_space[0]: parameter 'x': low <= high must hold, but got low=5.0, high=1.0");
        assertThat(out.toString()).doesNotContain("Starting");
    }

    @Test
    void anUnknownSpecFieldIsNamed() throws IOException {
        Path bad = file("bad.yaml", VALID_SPEC + "budgett: {n_trials: 3}\n");
        assertThat(hpo("submit", bad.toString(), "--bootstrap", "127.0.0.1:9092")).isEqualTo(2);
        assertThat(err.toString()).contains("budgett");
    }

    @Test
    void aSpecThatIsNotYamlExits2() throws IOException {
        Path bad = file("bad.yaml", "name: [unclosed\n  - :\n");
        assertThat(hpo("run", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("invalid study spec").contains("bad.yaml");
    }

    @Test
    void zeroTrainersIsRefused() throws IOException {
        Path spec = file("ok.yaml", VALID_SPEC);
        assertThat(hpo("run", spec.toString(), "--trainers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--trainers must be at least 1, but got 0");
    }

    @Test
    void aNonNumericTrainerCountIsAUsageError() throws IOException {
        Path spec = file("ok.yaml", VALID_SPEC);
        assertThat(hpo("run", spec.toString(), "--trainers", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--trainers").contains("many");
    }

    @Test
    void apiWithoutBootstrapIsRefused() throws IOException {
        Path spec = file("ok.yaml", VALID_SPEC);
        assertThat(hpo("run", spec.toString(), "--api", "http://127.0.0.1:8080")).isEqualTo(2);
        assertThat(err.toString()).contains("--api goes with --bootstrap");
    }

    @Test
    void submitNeedsABootstrapAddress() throws IOException {
        Path spec = file("ok.yaml", VALID_SPEC);
        assertThat(hpo("submit", spec.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--bootstrap=HOST:PORT'");
    }

    @Test
    void aMalformedBootstrapAddressIsRefused() throws IOException {
        Path spec = file("ok.yaml", VALID_SPEC);
        assertThat(hpo("submit", spec.toString(), "--bootstrap", "localhost")).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap must be HOST:PORT").contains("'localhost'");
    }

    @Test
    void aBadStudyIdIsRefused() throws IOException {
        Path spec = file("ok.yaml", VALID_SPEC);
        assertThat(hpo("submit", spec.toString(), "--bootstrap", "127.0.0.1:9092", "--study-id", "a/b")).isEqualTo(2);
        assertThat(err.toString()).contains("--study-id").contains("'a/b'");
    }

    @Test
    void anUnreachableBrokerFailsWithinBoundedTime() throws IOException {
        Path spec = file("ok.yaml", VALID_SPEC);
        String address = "127.0.0.1:" + Ports.free();
        long started = System.nanoTime();
        assertThat(hpo("submit", spec.toString(), "--bootstrap", address)).isEqualTo(1);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
        assertThat(err.toString()).contains("cannot reach the Kafka broker at " + address + " within 10 s");
    }

    @Test
    void statusOfAnUnreachableApiExits1() {
        String api = "http://127.0.0.1:" + Ports.free();
        assertThat(hpo("status", "s-1", "--api", api)).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the results API at " + api);
    }

    @Test
    void statusRejectsAnApiThatIsNotHttp() {
        assertThat(hpo("status", "s-1", "--api", "localhost:8080")).isEqualTo(2);
        assertThat(err.toString()).contains("--api must be an http(s) URL");
    }

    @Test
    void statusOfAnUnknownStudyExits1() throws IOException {
        String api = serve(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no study 's-1'\"}");
        assertThat(hpo("status", "s-1", "--api", api)).isEqualTo(1);
        assertThat(err.toString()).contains("unknown study 's-1'").contains(api);
    }

    @Test
    void statusReportsAnApiError() throws IOException {
        String api = serve(500, "{\"title\":\"Internal Server Error\",\"detail\":\"store down\"}");
        assertThat(hpo("status", "s-1", "--api", api)).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 500").contains("store down");
    }

    @Test
    void statusPrintsStateCountsAndBestTrial() throws IOException {
        String api = serve(200, """
                {"id":"branin-abc123","name":"branin","state":"COMPLETE","reason":"budget reached",
                 "counts":{"waiting":0,"running":0,"complete":27,"pruned":2,"fail":1,"total":30,"finished":30},
                 "best":{"number":7,"values":[0.41234],"params":{"x0":3.14159,"x1":2.275}},
                 "finishedTrials":30}
                """);
        assertThat(hpo("status", "branin-abc123", "--api", api + "/")).isZero();
        assertThat(out.toString())
                .contains("Study branin-abc123 (branin): COMPLETE - budget reached")
                .contains("30 finished (27 complete, 2 pruned, 1 failed), 0 running, 0 waiting, 30 in all")
                .contains("best trial   7")
                .contains("value        0.4123")
                .contains("params       x0=3.1416, x1=2.2750")
                .contains(api + "/api/studies/branin-abc123");
        assertThat(requestedPath).isEqualTo("/api/studies/branin-abc123");
    }

    @Test
    void statusOfARejectedStudyShowsTheReason() throws IOException {
        String api = serve(200, """
                {"id":"bad-1","name":"bad","state":"REJECTED","reason":"search_space[0]: low <= high must hold",
                 "counts":{"waiting":0,"running":0,"complete":0,"pruned":0,"fail":0,"total":0,"finished":0},
                 "best":null}
                """);
        assertThat(hpo("status", "bad-1", "--api", api)).isZero();
        assertThat(out.toString()).contains("Study bad-1 (bad): REJECTED - search_space[0]: low <= high must hold");
    }

    /** A stand-in results API answering every request with the given status and body. */
    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requestedPath = exchange.getRequestURI().getRawPath();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
