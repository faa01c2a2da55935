package io.hyperstream.sampler.messaging;

import io.hyperstream.sampler.service.StudyScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the inbox reads; reports the partitions and studies this instance runs. */
@Liveness
@ApplicationScoped
public class InboxHealth implements HealthCheck {

    private final StudyInbox inbox;
    private final StudyScheduler scheduler;

    public InboxHealth(StudyInbox inbox, StudyScheduler scheduler) {
        this.inbox = inbox;
        this.scheduler = scheduler;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("study-inbox")
                .status(inbox.isAlive())
                .withData("partitions", new TreeSet<>(inbox.ownedPartitions()).toString())
                .withData("runningStudies", scheduler.runningStudies())
                .build();
    }
}
