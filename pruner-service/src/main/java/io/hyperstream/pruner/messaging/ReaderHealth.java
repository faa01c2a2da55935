package io.hyperstream.pruner.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Health of the two readers: live while they run, ready once the state has been rebuilt from the log. */
public final class ReaderHealth {

    private ReaderHealth() {
    }

    /** Live while both readers run. */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {

        private final ReaderLifecycle readers;

        public Live(ReaderLifecycle readers) {
            this.readers = readers;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("pruner-readers")
                    .status(readers.studies().isAlive() && readers.trials().isAlive())
                    .withData("trialEventPartitions", readers.trials().assignedPartitions().toString())
                    .build();
        }
    }

    /**
     * Ready once the study events present at start-up are read and the assigned trial-events
     * partitions are read up to the last report an earlier run answered.
     */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {

        private final ReaderLifecycle readers;

        public Ready(ReaderLifecycle readers) {
            this.readers = readers;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("pruner-state")
                    .status(readers.studies().isCaughtUp() && readers.trials().isCaughtUp())
                    .withData("studyEventsRead", readers.studies().isCaughtUp())
                    .withData("trialEventsRebuilt", readers.trials().isCaughtUp())
                    .build();
        }
    }
}
