package io.hyperstream.trainer.config;

import io.hyperstream.trainer.objective.ObjectiveRegistry;
import io.hyperstream.trainer.service.TrialEventPublisher;
import io.hyperstream.trainer.service.TrialRunner;
import io.hyperstream.trainer.service.VerdictBoard;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the trainer's plain-Java parts from configuration. */
@Singleton
public class TrainerBeans {

    @Produces
    @Singleton
    TrainerIdentity identity(TrainerConfig config) {
        return TrainerIdentity.of(config);
    }

    @Produces
    @Singleton
    ObjectiveRegistry objectives() {
        return ObjectiveRegistry.standard();
    }

    @Produces
    @Singleton
    VerdictBoard verdictBoard() {
        return new VerdictBoard();
    }

    @Produces
    @Singleton
    TrialRunner runner(TrainerIdentity identity, ObjectiveRegistry objectives, TrialEventPublisher publisher,
                       VerdictBoard verdicts, TrainerConfig config) {
        return new TrialRunner(identity.id(), objectives, publisher, verdicts, config.verdictTimeout());
    }
}
