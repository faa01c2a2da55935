package io.hyperstream.cli.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One service running as a child JVM, with its HTTP port and the file its output goes to. */
public final class ServiceProcess {

    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private volatile String lastHealth = "no answer yet";

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command} in {@code workDir}, with its output and errors going to {@code log}. */
    static ServiceProcess start(String name, int port, List<String> command, Map<String, String> env,
                                Path workDir, Path log) {
        return start(name, port, command, env, workDir, log, false);
    }

    /** Starts {@code command} as above; with {@code append} its output goes after what {@code log} holds. */
    static ServiceProcess start(String name, int port, List<String> command, Map<String, String> env,
                                Path workDir, Path log, boolean append) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new ServiceProcess(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** The HTTP port it was told to listen on. */
    public int port() {
        return port;
    }

    /** The file its output goes to. */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Its readiness endpoint. */
    public URI readinessUri() {
        return URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once it has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Whether {@code /q/health/ready} answers 200 with status UP right now. */
    boolean isReady(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(readinessUri())
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            lastHealth = "HTTP " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
            return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find();
        } catch (IOException e) {
            lastHealth = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the readiness endpoint last answered (or why it did not). */
    String lastHealth() {
        return lastHealth;
    }

    /** The last lines of its log (read from its last 64 KiB). */
    public String tail(int lines) {
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - 65_536);
            bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
        // Decoding replaces bytes that are not UTF-8 (a cut multi-byte character, a crash dump).
        List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return last.isEmpty() ? "(the log is empty)" : String.join(System.lineSeparator(), last);
    }

    /** Asks it to stop (SIGTERM). */
    void terminate() {
        process.destroy();
    }

    /** Waits for it to exit; true if it did. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Kills it (SIGKILL) and waits briefly. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }
}
