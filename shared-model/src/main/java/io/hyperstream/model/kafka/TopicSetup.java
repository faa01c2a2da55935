package io.hyperstream.model.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Hyperstream's topics up front (idempotent) and waits until every partition has a
 * leader that answers offset queries. Producing right after topic creation can otherwise lose
 * records (KAFKA-15591): the offset query is the work-around.
 */
public final class TopicSetup {

    /**
     * Partitions of the trials topic, which trainers read as a share group. One: a share group
     * shares a partition among trainers only when there are more trainers than partitions (its
     * assignor otherwise gives each partition to a single trainer), and a queue of trials, one
     * record per trial, needs no more.
     */
    public static final int TRIAL_PARTITIONS = 1;
    /**
     * Partitions of the other topics (keyed by study id). study-commands and trial-events must
     * keep equal counts (see {@link #coPartitionCount}).
     */
    public static final int OTHER_PARTITIONS = 3;

    private TopicSetup() {
    }

    /**
     * Creates Hyperstream's topics with the standard partition counts on the broker at
     * {@code bootstrapServers}, if missing, and waits until they accept records.
     */
    public static void ensureTopics(String bootstrapServers, TopicNames names, short replication) {
        try (Admin admin = Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ensureTopics(admin, names.partitions(TRIAL_PARTITIONS, OTHER_PARTITIONS), replication);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Creates the missing topics and waits until all of them are ready. */
    public static void ensureTopics(Admin admin, Map<String, Integer> partitionsByTopic, short replication)
            throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic.forEach((topic, partitions) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, replication));
                }
            });
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, partitionsByTopic.keySet());
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + partitionsByTopic.keySet()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The partition count that the study-commands and trial-events topics share. Both are keyed
     * by study id, so with equal counts a study's commands and trial events land on the same
     * partition number, and a consumer group with the range assignor gives all of a study to one
     * sampler instance. Topics that exist keep the count they were created with (nothing here
     * changes it): fails, naming both counts, when they differ.
     */
    public static int coPartitionCount(Admin admin, TopicNames names) throws InterruptedException {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(List.of(names.studyCommands(), names.trialEvents()))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe topics " + names.studyCommands() + " and "
                    + names.trialEvents() + ": " + e.getMessage(), e);
        }
        int commands = descriptions.get(names.studyCommands()).partitions().size();
        int trialEvents = descriptions.get(names.trialEvents()).partitions().size();
        if (commands != trialEvents) {
            throw new IllegalStateException("topics " + names.studyCommands() + " (" + commands + " partitions) and "
                    + names.trialEvents() + " (" + trialEvents + " partitions) must have the same number of"
                    + " partitions, so that a study's commands and trial events are on the same partition number;"
                    + " add partitions to the smaller one (kafka-topics --alter --partitions) while no study runs,"
                    + " or recreate both");
        }
        return commands;
    }

    private static void awaitLeaders(Admin admin, Set<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> query = new HashMap<>();
                descriptions.values().forEach(d -> d.partitions().forEach(
                        p -> query.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(query).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " did not become ready: " + e.getMessage(), e);
                }
                Thread.sleep(200);
            }
        }
    }
}
