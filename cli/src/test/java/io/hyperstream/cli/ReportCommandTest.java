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

/** {@code hpo report}: the format follows the file's extension; unknown studies and unreachable APIs are clear errors. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;
    private volatile String requested;
    private volatile String accept;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int hpo(String... args) {
        return Hpo.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void anHtmlFileGetsTheHtmlReport() throws IOException {
        String api = serve(200, "<!DOCTYPE html><html><body><h1>Experiment report</h1><svg></svg></body></html>");
        Path file = dir.resolve("reports/branin.html");
        assertThat(hpo("report", "branin-abc123", "--api", api, "-o", file.toString())).isZero();
        assertThat(Files.readString(file)).contains("<h1>Experiment report</h1>");
        assertThat(requested).isEqualTo("/api/studies/branin-abc123/report?format=html");
        assertThat(accept).isEqualTo("text/html");
        assertThat(out.toString()).contains("Report of study branin-abc123 written to " + file + " (HTML, 1 KB)");
    }

    @Test
    void aMarkdownFileGetsTheMarkdownReport() throws IOException {
        String api = serve(200, "# Experiment report: branin\n");
        Path file = dir.resolve("branin.md");
        assertThat(hpo("report", "branin-abc123", "--api", api, "--output", file.toString())).isZero();
        assertThat(Files.readString(file)).isEqualTo("# Experiment report: branin\n");
        assertThat(requested).isEqualTo("/api/studies/branin-abc123/report?format=md");
        assertThat(accept).isEqualTo("text/markdown");
    }

    @Test
    void anotherExtensionIsBadInput() {
        assertThat(hpo("report", "s-1", "-o", dir.resolve("report.pdf").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("-o must name a .html or .md file").contains("report.pdf");
        assertThat(hpo("report", "s-1")).isEqualTo(2);
    }

    @Test
    void anUnknownStudyExits1AndWritesNothing() throws IOException {
        String api = serve(404, "{\"title\":\"Not found\",\"status\":404,\"detail\":\"study 's-1' not found\"}");
        Path file = dir.resolve("s-1.html");
        assertThat(hpo("report", "s-1", "--api", api, "-o", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("unknown study 's-1': the results API at " + api + " has no such study");
        assertThat(file).doesNotExist();
    }

    @Test
    void anUnreachableApiExits1() {
        String api = "http://127.0.0.1:" + Ports.free();
        assertThat(hpo("report", "s-1", "--api", api, "-o", dir.resolve("s.md").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the results API at " + api);
    }

    @Test
    void anApiErrorIsShownWithItsDetail() throws IOException {
        String api = serve(400, "{\"title\":\"Bad request\",\"status\":400,\"detail\":\"format must be html or md\"}");
        assertThat(hpo("report", "s-1", "--api", api, "-o", dir.resolve("s.md").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 400").contains("format must be html or md");
    }

    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requested = exchange.getRequestURI().toString();
            accept = exchange.getRequestHeaders().getFirst("Accept");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
