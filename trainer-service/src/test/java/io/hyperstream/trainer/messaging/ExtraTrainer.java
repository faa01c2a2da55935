package io.hyperstream.trainer.messaging;

import io.hyperstream.service.TopicsConfig;
import io.hyperstream.trainer.config.TrainerConfig;
import io.hyperstream.trainer.config.TrainerIdentity;
import io.hyperstream.trainer.objective.ObjectiveRegistry;
import io.hyperstream.trainer.service.TrainerStatus;
import io.hyperstream.trainer.service.TrialRunner;
import io.hyperstream.trainer.service.VerdictBoard;
import java.util.Map;

/**
 * Another trainer in the test JVM, built from the same parts as the application's, joining the
 * same share group: what a second trainer process would do.
 */
final class ExtraTrainer implements AutoCloseable {

    private final KafkaEventPublisher publisher;
    private final VerdictListener verdicts;
    private final TrialQueue queue;

    ExtraTrainer(String id, TrainerConfig config, TopicsConfig topics) {
        TrainerIdentity identity = new TrainerIdentity(id);
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", TrainerTestClient.bootstrapServers()),
                config, identity);
        VerdictBoard board = new VerdictBoard();
        publisher = new KafkaEventPublisher(clients, topics);
        TrialRunner runner = new TrialRunner(id, ObjectiveRegistry.standard(), publisher, board, config.verdictTimeout());
        verdicts = new VerdictListener(clients, topics, config, board);
        queue = new TrialQueue(clients, topics, config, identity, runner, publisher);
    }

    ExtraTrainer start() {
        verdicts.start();
        queue.start();
        return this;
    }

    TrainerStatus status() {
        return queue.status();
    }

    @Override
    public void close() {
        queue.stop();
        verdicts.stop();
        publisher.close();
    }
}
