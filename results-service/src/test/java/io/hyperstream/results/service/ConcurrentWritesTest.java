package io.hyperstream.results.service;

import static io.hyperstream.results.ApiSupport.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.results.TestStudy;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The trials and trial-events channels write the same trial document from different threads (and
 * several service instances could): racing inserts must still end in the furthest state with
 * every event's data.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class ConcurrentWritesTest {

    private static final int TRIALS = 40;

    @Inject
    ResultsRecorder recorder;

    @Test
    void racingEventsOfOneTrialEndInItsFinishedState() throws Exception {
        TestStudy study = TestStudy.of("race", "minimize");
        recorder.record(study.accepted());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int n = 0; n < TRIALS; n++) {
                int number = n;
                CyclicBarrier start = new CyclicBarrier(4);
                List<Runnable> writes = List.of(
                        () -> recorder.record(study.scheduled(number)),
                        () -> recorder.record(study.started(number, "trainer-a")),
                        () -> recorder.record(study.epoch(number, "trainer-a", 1, 9.0)),
                        () -> recorder.record(study.trialCompleted(number, "trainer-a", 1, number)));
                List<Future<?>> done = new ArrayList<>();
                for (Runnable write : writes) {
                    done.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        write.run();
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        JsonPath page = getJson("/api/studies/" + study.id + "/trials?size=1000");
        assertThat(page.getInt("total")).isEqualTo(TRIALS);
        assertThat(page.getList("items.state")).containsOnly("COMPLETE");
        for (int n = 0; n < TRIALS; n++) {
            JsonPath trial = getJson("/api/studies/" + study.id + "/trials/" + n);
            assertThat(trial.getMap("params")).as("trial %d", n).containsEntry("x0", n + 0.5);
            assertThat(trial.getString("scheduledAt")).as("trial %d", n).isNotNull();
            assertThat(trial.getString("startedAt")).as("trial %d", n).isNotNull();
            assertThat(trial.getList("history.epoch")).as("trial %d", n).containsExactly(1);
            assertThat(trial.getList("values")).as("trial %d", n).containsExactly((double) n);
        }
        assertThat(getJson("/api/studies/" + study.id).getInt("best.number")).isZero();
    }
}
