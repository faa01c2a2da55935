package io.hyperstream.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.Home;
import io.hyperstream.cli.Logging;
import io.hyperstream.cli.stack.ResultsStack;
import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hpo bench results}: starts the broker, the store and results-service as {@code hpo run}
 * does, publishes a large study's events straight to the topics (no sampler, no trainer), measures
 * how fast the service stores them (until its API shows every trial with all its epochs), then the
 * latency of the study summary and of pages of 100 trials.
 */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Loads a study of --trials trials x --epochs epochs into a local results-service through Kafka,"
                + " then times its API: ingest events/s, study summary and trial page latency (p50, p99)."})
final class ResultsCommand implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(30);
    private static final int WARMUP_REQUESTS = 20;
    private static final int PAGE_SIZE = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "10000",
            description = "Trials of the study (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50",
            description = "Epochs each trial reports (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "Trials running at once, each on its own trainer (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "200",
            description = "Timed requests of each kind, after 20 untimed ones (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures as JSON to OUT.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || epochs < 1 || parallel < 1 || requests < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, "--trials, --epochs, --parallel and --requests must be positive,"
                    + " but got " + trials + ", " + epochs + ", " + parallel + ", " + requests);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path home = Home.find();
        Logging.configure("bench-results");
        ResultsBench bench = new ResultsBench("bench-results-" + UUID.randomUUID().toString().substring(0, 6),
                trials, epochs, parallel);
        try (ResultsStack stack = ResultsStack.start(home, TopicNames.from(System.getProperties()), READY_TIMEOUT, out)) {
            Api api = new Api(stack.apiUrl());
            out.printf(Locale.ROOT, "results-service ready at %s. Publishing %d trials x %d epochs (%d events)...%n",
                    stack.apiUrl(), trials, epochs, bench.events());
            out.flush();
            Ingest ingest = load(stack, bench, api, out);
            out.printf(Locale.ROOT, "Stored in %.1f s. Timing %d requests of each kind...%n", ingest.seconds(), requests);
            out.flush();
            Latency summary = time(api, i -> "/api/studies/" + bench.studyId());
            int pages = (trials + PAGE_SIZE - 1) / PAGE_SIZE;
            Latency page = time(api, i -> "/api/studies/" + bench.studyId() + "/trials?size=" + PAGE_SIZE
                    + "&page=" + (i * 37 % pages));
            Latency byValue = time(api, i -> "/api/studies/" + bench.studyId() + "/trials?sort=value&size=" + PAGE_SIZE
                    + "&page=" + (i * 37 % pages));
            stack.requireAlive();
            String check = check(api, bench);
            out.print(table(bench, ingest, summary, page, byValue, check));
            out.flush();
            if (json != null) {
                BenchOutput.writeJson(json, json(bench, ingest, summary, page, byValue));
                out.println("JSON written to " + json);
            }
        }
        return ExitCodes.OK;
    }

    /**
     * How long publishing and storing took, and the CPU time results-service and this JVM (the
     * broker, the store and the publisher) used meanwhile: a figure a busy machine changes less.
     */
    record Ingest(long events, double publishSeconds, double seconds, double serviceCpuSeconds, double hpoCpuSeconds) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double eventsPerServiceCpuSecond() {
            return events / serviceCpuSeconds;
        }
    }

    /** Latencies of one kind of request, in milliseconds. */
    record Latency(double[] ms) {
        double p50() {
            return Stats.quantile(ms, 0.5);
        }

        double p99() {
            return Stats.quantile(ms, 0.99);
        }
    }

    private Ingest load(ResultsStack stack, ResultsBench bench, Api api, PrintWriter out) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(stack.topics().studyEvents(), bench.studyId(),
                    Json.write(bench.accepted()))).get(30, TimeUnit.SECONDS);
            awaitStudy(api, bench);
            Duration serviceCpu = stack.serviceCpu();
            Duration hpoCpu = hpoCpu();
            long started = System.nanoTime();
            bench.publish(stack.topics(), (topic, key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
            producer.flush();
            double published = (System.nanoTime() - started) / 1e9;
            awaitAll(api, bench, stack, out);
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Ingest(bench.events(), published, seconds,
                    stack.serviceCpu().minus(serviceCpu).toMillis() / 1000.0, hpoCpu().minus(hpoCpu).toMillis() / 1000.0);
        }
    }

    private static Duration hpoCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void awaitStudy(Api api, ResultsBench bench) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.status("/api/studies/" + bench.studyId()) != 200) {
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.FAILURE, "results-service did not show study " + bench.studyId()
                        + " within 60 s of its StudyAccepted");
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the summary counts every trial complete and the last trial shows all its epochs. */
    private void awaitAll(Api api, ResultsBench bench, ResultsStack stack, PrintWriter out) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + INGEST_TIMEOUT.toNanos();
        long nextProgress = started + Duration.ofSeconds(10).toNanos();
        String lastSeen = "nothing";
        while (true) {
            JsonNode study = api.json("/api/studies/" + bench.studyId());
            long complete = study.path("counts").path("complete").asLong();
            lastSeen = complete + " of " + trials + " trials complete";
            if (complete == trials) {
                JsonNode last = api.json("/api/studies/" + bench.studyId() + "/trials/" + (trials - 1));
                if (last.path("history").size() == epochs) {
                    return;
                }
                lastSeen += ", trial " + (trials - 1) + " with " + last.path("history").size() + " epochs";
            }
            stack.requireAlive();
            if (System.nanoTime() > nextProgress) {
                out.printf(Locale.ROOT, "  %.0f s: %s%n", (System.nanoTime() - started) / 1e9, lastSeen);
                out.flush();
                nextProgress += Duration.ofSeconds(10).toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.FAILURE, "results-service did not store the study within "
                        + INGEST_TIMEOUT.toMinutes() + " min (last seen: " + lastSeen + ")");
            }
            Thread.sleep(100);
        }
    }

    private Latency time(Api api, java.util.function.IntFunction<String> path) {
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            api.json(path.apply(i));
        }
        double[] ms = new double[requests];
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            api.json(path.apply(i));
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        return new Latency(ms);
    }

    /** What the API shows matches what was published: counts and the best trial. */
    private String check(Api api, ResultsBench bench) {
        JsonNode study = api.json("/api/studies/" + bench.studyId());
        long complete = study.path("counts").path("complete").asLong();
        int best = study.path("best").path("number").asInt(-1);
        double value = study.path("best").path("values").path(0).asDouble(Double.NaN);
        if (complete != trials || best != bench.bestNumber() || value != bench.bestValue()) {
            throw new CliException(ExitCodes.FAILURE, "the API shows " + complete + " complete trials and best trial "
                    + best + " (" + value + "), but " + trials + " trials were published, the best "
                    + bench.bestNumber() + " (" + bench.bestValue() + ")");
        }
        return "the API shows all " + trials + " trials complete and the best one (trial " + best + ", "
                + Stats.format(value) + ")";
    }

    static String table(ResultsBench bench, Ingest ingest, Latency summary, Latency page, Latency byValue,
                        String check) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Results benchmark: study %s, %d events (%d trial events, %d scheduled)%n",
                bench.studyId(), bench.events(), bench.trialEvents(), bench.events() - bench.trialEvents()));
        t.append(String.format(Locale.ROOT, "  ingest           %s events/s (%.1f s until the API showed every trial;"
                + " published in %.1f s)%n", Stats.format(ingest.eventsPerSecond()), ingest.seconds(),
                ingest.publishSeconds()));
        t.append(String.format(Locale.ROOT, "  ingest CPU       results-service %.1f s (%s events per CPU second),"
                + " broker + store + publisher %.1f s%n", ingest.serviceCpuSeconds(),
                Stats.format(ingest.eventsPerServiceCpuSecond()), ingest.hpoCpuSeconds()));
        t.append(String.format(Locale.ROOT, "  %-16s %9s %9s   %s%n", "request", "p50 ms", "p99 ms", "target"));
        t.append(String.format(Locale.ROOT, "  %-16s %9s %9s   %s%n", "study summary", Stats.format(summary.p50()),
                Stats.format(summary.p99()), "p99 < 50"));
        t.append(String.format(Locale.ROOT, "  %-16s %9s %9s   %s%n", "page of " + PAGE_SIZE, Stats.format(page.p50()),
                Stats.format(page.p99()), "p99 < 100"));
        t.append(String.format(Locale.ROOT, "  %-16s %9s %9s%n", "page by value", Stats.format(byValue.p50()),
                Stats.format(byValue.p99())));
        t.append("  check: ").append(check).append(System.lineSeparator());
        return t.toString();
    }

    static Map<String, Object> json(ResultsBench bench, Ingest ingest, Latency summary, Latency page, Latency byValue) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "results");
        json.put("ingest_events_per_s", round(ingest.eventsPerSecond()));
        json.put("summary_p99_ms", round(summary.p99()));
        json.put("page_p99_ms", round(page.p99()));
        json.put("summary_p50_ms", round(summary.p50()));
        json.put("page_p50_ms", round(page.p50()));
        json.put("page_by_value_p50_ms", round(byValue.p50()));
        json.put("page_by_value_p99_ms", round(byValue.p99()));
        json.put("events", bench.events());
        json.put("ingest_s", round(ingest.seconds()));
        json.put("publish_s", round(ingest.publishSeconds()));
        json.put("ingest_service_cpu_s", round(ingest.serviceCpuSeconds()));
        json.put("ingest_hpo_cpu_s", round(ingest.hpoCpuSeconds()));
        json.put("load_average", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()));
        json.put("requests", summary.ms().length);
        return json;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** GETs on the results API, answered 200 with JSON or failing the benchmark. */
    private static final class Api {
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Api(String base) {
            this.base = base;
        }

        int status(String path) {
            try {
                return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.FAILURE, "interrupted", e);
            }
        }

        JsonNode json(String path) {
            try {
                HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new CliException(ExitCodes.FAILURE, "GET " + path + " answered HTTP " + response.statusCode()
                            + ": " + response.body());
                }
                return Json.mapper().readTree(response.body());
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILURE, "GET " + base + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.FAILURE, "interrupted", e);
            }
        }

        private HttpRequest request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build();
        }
    }
}
