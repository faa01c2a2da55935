package io.hyperstream.trainer.messaging;

import io.hyperstream.trainer.config.TrainerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The trainers' share group settings, which the broker keeps per group and every trainer sets
 * at start-up (all trainers of a group must be configured alike): records from the earliest
 * offset (a new share group would otherwise start at the end and skip the trials scheduled
 * before the first trainer joined), the lease as the record lock duration, and a delivery limit
 * above {@code max-attempts}, so that the delivery after the last attempt reaches a trainer,
 * which fails the trial.
 */
final class ShareGroupSetup {

    /** The broker refuses a group delivery limit above 10 ({@code group.share.max.delivery.count.limit}). */
    static final int BROKER_MAX_DELIVERIES = 10;
    /** Deliveries the broker allows beyond max-attempts: one to fail the trial, one should that trainer die too. */
    static final int SPARE_DELIVERIES = 2;
    static final int MAX_ATTEMPTS = BROKER_MAX_DELIVERIES - SPARE_DELIVERIES;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ShareGroupSetup() {
    }

    /**
     * The group configuration for these trainer settings.
     *
     * @throws IllegalArgumentException naming the setting, if the lease or max-attempts cannot be used
     */
    static Map<String, String> groupConfigs(TrainerConfig config) {
        Duration lease = config.lease();
        if (lease.toMillis() < 1000 || lease.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hyperstream.trainer.lease must be at least 1s, but got " + lease);
        }
        int maxAttempts = config.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("hyperstream.trainer.max-attempts must be between 1 and " + MAX_ATTEMPTS
                    + " (the broker delivers a record at most " + BROKER_MAX_DELIVERIES + " times, and the trainers need "
                    + SPARE_DELIVERIES + " deliveries beyond the last attempt), but got " + maxAttempts);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("share.auto.offset.reset", "earliest");
        configs.put("share.record.lock.duration.ms", String.valueOf(lease.toMillis()));
        configs.put("share.delivery.count.limit", String.valueOf(maxAttempts + SPARE_DELIVERIES));
        return configs;
    }

    /**
     * Sets the group's configuration on the broker and returns how many partitions the trials
     * topic has.
     *
     * @throws IllegalStateException with the broker's reason, if it refuses (a lease outside the
     *                               broker's bounds, no permission to alter the group)
     */
    static int apply(Map<String, Object> adminConfig, String group, Map<String, String> configs, String trialsTopic) {
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        try (Admin admin = Admin.create(adminConfig)) {
            try {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), ops)).all()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the broker refused the configuration " + configs + " of share group '"
                        + group + "': " + e.getCause().getMessage() + " (the record lock duration, "
                        + "hyperstream.trainer.lease, must lie within the broker's group.share.min.record.lock.duration.ms "
                        + "and group.share.max.record.lock.duration.ms, 15s to 60s by default)", e.getCause());
            }
            try {
                return admin.describeTopics(List.of(trialsTopic)).allTopicNames().get(TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS).get(trialsTopic).partitions().size();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot describe the trials topic '" + trialsTopic + "': "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("configuring share group '" + group + "' got no answer from the broker within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring share group '" + group + "'", e);
        }
    }
}
