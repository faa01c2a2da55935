package io.hyperstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.TopicNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The study {@code hpo bench results} publishes, and the JSON it writes. */
class ResultsBenchTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    @Test
    void everyTrialIsScheduledStartedReportsEachEpochInOrderAndCompletes() throws Exception {
        ResultsBench bench = new ResultsBench("bench-1", 25, 4, 3);
        List<String[]> records = new ArrayList<>();
        bench.publish(TOPICS, (topic, key, json) -> records.add(new String[] {topic, key, json}));

        assertThat(records).hasSize((int) bench.events());
        assertThat(bench.events()).isEqualTo(25 * (4 + 2) + 25);
        Map<Integer, List<String>> byTrial = new HashMap<>();
        Map<Integer, Integer> lastEpoch = new HashMap<>();
        double best = Double.POSITIVE_INFINITY;
        for (String[] r : records) {
            JsonNode event = Json.mapper().readTree(r[2]);
            int number = event.get("trialNumber").asInt();
            String type = event.get("type").asText();
            byTrial.computeIfAbsent(number, n -> new ArrayList<>()).add(type);
            assertThat(r[0]).isEqualTo(type.equals("TrialScheduled") ? TOPICS.trials() : TOPICS.trialEvents());
            assertThat(r[1]).isEqualTo(type.equals("TrialScheduled") ? "bench-1/" + number : "bench-1");
            if (type.equals("EpochReported")) {
                int epoch = event.get("epoch").asInt();
                assertThat(epoch).isEqualTo(lastEpoch.getOrDefault(number, 0) + 1);
                lastEpoch.put(number, epoch);
            }
            if (type.equals("TrialCompleted")) {
                best = Math.min(best, event.get("values").get(0).asDouble());
            }
        }
        assertThat(byTrial).hasSize(25);
        assertThat(byTrial.get(7)).containsExactly("TrialScheduled", "TrialStarted", "EpochReported", "EpochReported",
                "EpochReported", "EpochReported", "TrialCompleted");
        assertThat(bench.bestValue()).isEqualTo(best);
        assertThat(bench.accepted().spec().budget().nTrials()).isEqualTo(25);
    }

    @Test
    void theJsonFollowsTheBenchContract() {
        ResultsBench bench = new ResultsBench("bench-2", 10, 2, 2);
        ResultsCommand.Ingest ingest = new ResultsCommand.Ingest(bench.events(), 1.0, 2.0, 4.0, 3.0);
        ResultsCommand.Latency summary = new ResultsCommand.Latency(new double[] {1, 2, 3, 4, 100});
        ResultsCommand.Latency page = new ResultsCommand.Latency(new double[] {10, 20});
        Map<String, Object> json = ResultsCommand.json(bench, ingest, summary, page, page);
        assertThat(json).containsEntry("benchmark", "results").containsEntry("ingest_events_per_s", 25.0)
                .containsEntry("summary_p50_ms", 3.0).containsEntry("page_p99_ms", 19.9)
                .containsEntry("events", 50L).containsEntry("ingest_service_cpu_s", 4.0);
        assertThat((double) json.get("summary_p99_ms")).isEqualTo(96.16);
        assertThat(ResultsCommand.table(bench, ingest, summary, page, page, "ok"))
                .contains("ingest           25 events/s").contains("12.5 events per CPU second")
                .contains("study summary").contains("p99 < 50").contains("check: ok");
    }
}
