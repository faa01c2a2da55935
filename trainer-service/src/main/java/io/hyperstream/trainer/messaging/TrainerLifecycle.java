package io.hyperstream.trainer.messaging;

import io.hyperstream.trainer.config.TrainerIdentity;
import io.hyperstream.trainer.objective.ObjectiveRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Starts the verdicts reader, then the work queue (after the topics exist), and stops them in
 * the reverse order: a trial may wait for a verdict as soon as it is taken.
 */
@Singleton
public class TrainerLifecycle {

    private static final Logger LOG = Logger.getLogger(TrainerLifecycle.class);

    private final VerdictListener verdicts;
    private final TrialQueue queue;
    private final TrainerIdentity identity;
    private final ObjectiveRegistry objectives;

    public TrainerLifecycle(VerdictListener verdicts, TrialQueue queue, TrainerIdentity identity,
                            ObjectiveRegistry objectives) {
        this.verdicts = verdicts;
        this.queue = queue;
        this.identity = identity;
        this.objectives = objectives;
    }

    void onStart(@Observes StartupEvent event) {
        verdicts.start();
        queue.start();
        LOG.infof("trainer %s runs objective kinds %s", identity.id(), objectives.kinds());
    }

    void onStop(@Observes ShutdownEvent event) {
        queue.stop();
        verdicts.stop();
    }
}
