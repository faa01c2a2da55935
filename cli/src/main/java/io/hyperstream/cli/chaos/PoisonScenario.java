package io.hyperstream.cli.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Poison inputs sent while a valid study runs: malformed JSON and an unknown event type (on the
 * study-commands and trial-events topics), an oversized submission, each kind of invalid spec, a
 * spec naming a trainer kind no trainer runs, and a duplicate study id. Each must be refused with
 * a reason the results API shows (a rejected study, a dead letter, a duplicate submission), and
 * the valid study must end as if nothing had happened. Recovery: from the first poison sent to
 * the moment every refusal is visible through the API.
 */
public final class PoisonScenario implements Scenario {

    private static final int TRIALS = 8;
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(240);
    private static final int OVERSIZED_CHOICES = 9_000;

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String description() {
        return "malformed JSON, an unknown event type, an oversized submission, 9 invalid specs and a duplicate study "
                + "id while a study runs";
    }

    // Where the results API shows a refusal (Poison#shownAs).
    private static final String DEAD_LETTER = "dead-letter";
    private static final String REJECTED_STUDY = "rejected-study";
    private static final String DUPLICATE_SUBMISSION = "duplicate-submission";

    /**
     * One poison input and how its refusal shows through the API: {@code shownAs} names where
     * ({@code dead-letter}: the dead letter whose payload holds {@code id}; {@code rejected-study}:
     * study {@code id} REJECTED; {@code duplicate-submission}: on study {@code id}).
     */
    private record Poison(String label, String topic, String key, String payload, String shownAs, String id,
                          Function<ApiReader, Optional<String>> refusal) {
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        String studyId = ChaosRun.studyId(name());
        ApiReader api = new ApiReader(run.stack().apiUrl());
        run.submit(studyId, ChaosRun.spec(name(), TRIALS, 4, 150, 2));
        List<Poison> poisons = poisons(run, studyId);
        long sent = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(run.bootstrapServers())) {
            for (Poison p : poisons) {
                producer.send(new ProducerRecord<>(p.topic(), p.key(), p.payload())).get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot send the poison inputs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while sending the poison inputs", e);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        Double recoverS = null;
        while (System.nanoTime() < deadline) {
            for (Poison p : poisons) {
                if (!reasons.containsKey(p.label())) {
                    p.refusal().apply(api).ifPresent(reason -> reasons.put(p.label(), reason));
                }
            }
            if (reasons.size() == poisons.size()) {
                recoverS = (System.nanoTime() - sent) / 1e9;
                break;
            }
            ChaosRun.sleep(500);
        }
        List<String> problems = new ArrayList<>();
        List<Map<String, String>> shown = new ArrayList<>();
        for (Poison p : poisons) {
            String reason = reasons.get(p.label());
            if (reason == null) {
                problems.add(p.label() + ": no refusal visible through the API within " + VISIBLE_TIMEOUT.toSeconds() + " s");
            } else {
                run.say("%-32s -> %s", p.label(), abbreviate(reason));
                shown.add(Map.of("input", p.label(), "reason", reason, "shown_as", p.shownAs(), "id", p.id()));
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("rejections_expected", poisons.size());
        extra.put("rejections_visible", reasons.size());
        extra.put("rejections", shown);
        return run.judge(name(), studyId, TRIALS, Duration.ofMinutes(6), recoverS, problems, extra);
    }

    private static List<Poison> poisons(ChaosRun run, String validStudy) {
        String commands = run.topics().studyCommands();
        String trialEvents = run.topics().trialEvents();
        List<Poison> list = new ArrayList<>();
        String malformed = ChaosRun.studyId("malformed");
        list.add(new Poison("malformed JSON (study-commands)", commands, malformed, "{not json " + malformed,
                DEAD_LETTER, malformed, api -> deadLetter(api, malformed)));
        String unknownType = ChaosRun.studyId("unknown-type");
        list.add(new Poison("unknown event type", commands, unknownType, "{\"type\":\"LaunchMissiles\",\"eventId\":\""
                + Events.newId() + "\",\"studyId\":\"" + unknownType + "\",\"timestamp\":\"" + Events.now() + "\"}",
                DEAD_LETTER, unknownType, api -> deadLetter(api, unknownType)));
        String badTrialEvent = ChaosRun.studyId("malformed-trial-event");
        list.add(new Poison("malformed JSON (trial-events)", trialEvents, validStudy, "{\"type\":\"EpochReported\", "
                + badTrialEvent, DEAD_LETTER, badTrialEvent, api -> deadLetter(api, badTrialEvent)));
        list.add(spec("oversized submission (> 256 KiB)", commands, s -> {
            ArrayNode choices = ((ObjectNode) s.withArray("search_space").addObject()
                    .put("name", "big").put("type", "categorical")).putArray("choices");
            for (int i = 0; i < OVERSIZED_CHOICES; i++) {
                choices.add(String.format("choice-%05d-of-an-oversized-submission", i));
            }
        }));
        list.add(spec("low > high", commands, s -> param(s, 0).put("low", 10).put("high", -5)));
        list.add(spec("log with low <= 0", commands, s -> param(s, 0).put("low", 0).put("high", 1).put("log", true)));
        list.add(spec("empty choices", commands, s -> s.withArray("search_space").addObject()
                .put("name", "c").put("type", "categorical").putArray("choices")));
        list.add(spec("unknown sampler", commands, s -> s.putObject("sampler").put("type", "simulated-annealing")));
        list.add(spec("unknown pruner", commands, s -> s.putObject("pruner").put("type", "guillotine")));
        list.add(spec("n_trials <= 0", commands, s -> ((ObjectNode) s.get("budget")).put("n_trials", 0)));
        list.add(spec("NaN bounds", commands, s -> param(s, 0).put("low", "NaN")));
        list.add(spec("condition on an unknown parameter", commands, s -> s.withArray("search_space").addObject()
                .put("name", "y").put("type", "float").put("low", 0).put("high", 1)
                .putObject("condition").put("param", "ghost").put("min", 1)));
        list.add(spec("unregistered trainer kind", commands,
                s -> ((ObjectNode) s.get("objective")).put("kind", "java.lang.Runtime")));
        list.add(new Poison("duplicate study id", commands, validStudy, submission(validStudy, baseSpec()),
                DUPLICATE_SUBMISSION, validStudy, api -> api.study(validStudy).map(j -> j.path("duplicateSubmissions"))
                        .filter(d -> d.isArray() && d.size() > 0).map(d -> d.get(0).path("reason").asText())));
        return list;
    }

    /** A submission of a fresh study whose spec is the base spec changed by {@code change}; refused as a rejected study. */
    private static Poison spec(String label, String topic, Consumer<ObjectNode> change) {
        String id = ChaosRun.studyId("bad-spec");
        ObjectNode spec = baseSpec();
        change.accept(spec);
        return new Poison(label, topic, id, submission(id, spec), REJECTED_STUDY, id, api -> api.study(id)
                .filter(j -> "REJECTED".equalsIgnoreCase(j.path("state").asText()))
                .map(j -> j.path("reason").asText("(no reason given)")));
    }

    private static ObjectNode param(ObjectNode spec, int index) {
        return (ObjectNode) spec.withArray("search_space").get(index);
    }

    private static ObjectNode baseSpec() {
        try {
            return (ObjectNode) Json.mapper().readTree("""
                    {"name":"poison","directions":["minimize"],
                     "search_space":[{"name":"x0","type":"float","low":-5,"high":10},{"name":"x1","type":"float","low":0,"high":15}],
                     "sampler":{"type":"random","seed":7},"pruner":{"type":"none"},
                     "objective":{"kind":"synthetic","settings":{"function":"branin"},"metric":"value","max_epochs":2},
                     "budget":{"n_trials":2,"parallelism":1}}
                    """);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A StudySubmitted written by hand, so that the spec is not checked before it is sent. */
    private static String submission(String studyId, ObjectNode spec) {
        ObjectNode command = Json.mapper().createObjectNode();
        command.put("type", "StudySubmitted").put("eventId", Events.newId()).put("studyId", studyId)
                .put("timestamp", Events.now().toString()).set("spec", spec);
        return command.toString();
    }

    private static Optional<String> deadLetter(ApiReader api, String marker) {
        return api.deadLetters().stream().filter(d -> d.path("payload").asText("").contains(marker))
                .map(d -> d.path("service").asText() + ": " + d.path("error").asText())
                .findFirst();
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Map<String, Object> config = ChaosClients.config(bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
