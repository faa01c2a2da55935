package io.hyperstream.trainer.rest;

import io.hyperstream.trainer.messaging.TrialQueue;
import io.hyperstream.trainer.messaging.VerdictListener;
import io.hyperstream.trainer.service.TrainerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Up while the trainer polls its work queue and reads prune verdicts. */
@Liveness
@Readiness
@ApplicationScoped
public class TrainerHealthCheck implements HealthCheck {

    private final TrialQueue queue;
    private final VerdictListener verdicts;

    public TrainerHealthCheck(TrialQueue queue, VerdictListener verdicts) {
        this.queue = queue;
        this.verdicts = verdicts;
    }

    @Override
    public HealthCheckResponse call() {
        TrainerStatus status = queue.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("trainer")
                .status(queue.isAlive() && verdicts.isAlive())
                .withData("trainerId", status.trainerId())
                .withData("group", status.group())
                .withData("trialQueue", queue.isAlive() ? "polling" : "stopped")
                .withData("verdicts", verdicts.isAlive() ? "reading" : "stopped");
        if (status.running()) {
            response.withData("trial", status.studyId() + "/" + status.trialNumber() + " attempt " + status.attempt());
        }
        return response.build();
    }
}
