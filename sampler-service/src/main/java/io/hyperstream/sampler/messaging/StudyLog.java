package io.hyperstream.sampler.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.StudyPartitioner;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.sampler.service.CommandReader;
import io.hyperstream.sampler.service.EarlierStudy;
import io.hyperstream.sampler.service.IncomingCommand;
import io.hyperstream.sampler.service.StudyHistory;
import io.hyperstream.sampler.service.Takeover;
import io.hyperstream.sampler.service.WarmStartSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the topics back to rebuild what the sampler service knows: the studies of some
 * partitions (for an instance that takes them over) and the completed trials of earlier studies
 * (for a warm start).
 *
 * <p>The input topics (study-commands, trial-events) are read on the partitions concerned up to
 * the end offsets found when reading starts; the consumer then goes on from exactly there. The
 * output topics (study-events, trials) are read whole, to their end: only the owner of a study
 * writes its events, and while a takeover runs nobody else owns it. Records are filtered by
 * their key before they are parsed. Each scan uses a consumer of its own with no group.
 */
public final class StudyLog implements WarmStartSource {

    private static final Logger LOG = Logger.getLogger(StudyLog.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> readerConfig;
    private final TopicNames topics;
    private final Duration stallTimeout;
    private final int maxSpecBytes;

    /**
     * @param stallTimeout how long a read may go without receiving a record before it fails
     */
    public StudyLog(String bootstrapServers, TopicNames topics, Duration stallTimeout) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics, stallTimeout, Integer.MAX_VALUE);
    }

    /**
     * @param clientSettings every Kafka setting of the service (bootstrap servers, security...)
     * @param stallTimeout   how long a read may go without receiving a record before it fails
     * @param maxSpecBytes   submissions larger than this are read as rejected, as the inbox reads them
     */
    public StudyLog(Map<String, Object> clientSettings, TopicNames topics, Duration stallTimeout, int maxSpecBytes) {
        this.topics = topics;
        this.stallTimeout = stallTimeout;
        this.maxSpecBytes = maxSpecBytes;
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sampler-service-log");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.readerConfig = Map.copyOf(config);
    }

    /**
     * What the log says about the studies of these partitions of the co-partitioned input topics.
     *
     * @param commandEnds    per partition, where the study-commands topic was read to
     * @param trialEventEnds per partition, where the trial-events topic was read to
     * @param misplaced      study commands on these partitions that belong to a study of another
     *                       partition (a producer that did not key them by study id, or hashed the
     *                       key differently): they are forwarded to their study's partition
     */
    public record Recovery(Takeover takeover, Map<Integer, Long> commandEnds, Map<Integer, Long> trialEventEnds,
                           List<ConsumerRecord<String, String>> misplaced) {
    }

    /** Reads what is needed to take over the studies of {@code partitions} (of {@code partitionCount}). */
    public Recovery recover(Set<Integer> partitions, int partitionCount) {
        Predicate<String> ours = id -> partitions.contains(StudyPartitioner.partitionOf(id, partitionCount));
        List<TopicPartition> commandParts = partitions.stream()
                .map(p -> new TopicPartition(topics.studyCommands(), p)).toList();
        List<TopicPartition> eventParts = partitions.stream()
                .map(p -> new TopicPartition(topics.trialEvents(), p)).toList();

        Commands commands = new Commands();
        List<ConsumerRecord<String, String>> misplaced = new ArrayList<>();
        Map<TopicPartition, Long> commandEnds = scan(commandParts, record -> {
            IncomingCommand command;
            try {
                command = CommandReader.read(record.value(), maxSpecBytes);
            } catch (MalformedMessageException e) {
                return;
            }
            if (StudyPartitioner.partitionOf(command.studyId(), partitionCount) != record.partition()) {
                misplaced.add(record);
            } else {
                commands.add(command);
            }
        });

        Map<String, Answers> answers = new LinkedHashMap<>();
        scanWhole(topics.studyEvents(), record -> {
            if (record.key() != null && !ours.test(record.key())) {
                return;
            }
            StudyEvent event = parse(record, StudyEvent.class);
            if (event != null && ours.test(event.studyId())) {
                answers.computeIfAbsent(event.studyId(), id -> new Answers()).add(event);
            }
        });
        Set<String> running = new HashSet<>();
        answers.forEach((id, a) -> {
            if (a.accepted != null && !a.completed) {
                running.add(id);
            }
        });

        Map<String, List<TrialScheduled>> scheduled = new HashMap<>();
        if (!running.isEmpty()) {
            scanWhole(topics.trials(), record -> {
                if (record.key() != null && !running.contains(studyOfTrialKey(record.key()))) {
                    return;
                }
                TrialScheduled trial = parse(record, TrialScheduled.class);
                if (trial != null && running.contains(trial.studyId())) {
                    scheduled.computeIfAbsent(trial.studyId(), id -> new ArrayList<>()).add(trial);
                }
            });
        }
        Map<String, List<TrialEvent>> trialEvents = new HashMap<>();
        Map<TopicPartition, Long> eventEnds = scan(eventParts, record -> {
            if (running.isEmpty() || (record.key() != null && !running.contains(record.key()))) {
                return;
            }
            TrialEvent event = parse(record, TrialEvent.class);
            if (event != null && running.contains(event.studyId())) {
                trialEvents.computeIfAbsent(event.studyId(), id -> new ArrayList<>()).add(event);
            }
        });

        Takeover takeover = commands.takeover(answers, scheduled, trialEvents);
        LOG.infof("read partitions %s of %s and %s: %d running stud%s, %d command(s) not yet answered",
                new TreeSet<>(partitions), topics.studyCommands(), topics.trialEvents(), takeover.studies().size(),
                takeover.studies().size() == 1 ? "y" : "ies", takeover.pending().size());
        return new Recovery(takeover, byPartition(commandEnds), byPartition(eventEnds), misplaced);
    }

    @Override
    public Map<String, EarlierStudy> find(List<String> studyIds, Instant cutoff) {
        Set<String> wanted = new HashSet<>(studyIds);
        Map<String, StudyAccepted> accepted = new HashMap<>();
        scanWhole(topics.studyEvents(), record -> {
            if (record.key() != null && !wanted.contains(record.key())) {
                return;
            }
            if (parse(record, StudyEvent.class) instanceof StudyAccepted a && wanted.contains(a.studyId())) {
                accepted.putIfAbsent(a.studyId(), a);
            }
        });
        if (accepted.isEmpty()) {
            return Map.of();
        }
        int partitions;
        try (KafkaConsumer<String, String> reader = reader()) {
            partitions = reader.partitionsFor(topics.trialEvents()).size();
        }
        Set<TopicPartition> eventParts = new HashSet<>();
        accepted.keySet().forEach(id ->
                eventParts.add(new TopicPartition(topics.trialEvents(), StudyPartitioner.partitionOf(id, partitions))));
        // The first ending of a trial counts, as for the scheduler; only completions before the cutoff.
        Map<String, LinkedHashMap<Integer, TrialEvent>> endings = new HashMap<>();
        scan(eventParts, record -> {
            if (record.key() != null && !accepted.containsKey(record.key())) {
                return;
            }
            TrialEvent event = parse(record, TrialEvent.class);
            if (event != null && event.isTerminal() && accepted.containsKey(event.studyId())
                    && !event.timestamp().isAfter(cutoff)) {
                endings.computeIfAbsent(event.studyId(), id -> new LinkedHashMap<>())
                        .putIfAbsent(event.trialNumber(), event);
            }
        });
        Map<String, Map<Integer, Map<String, Object>>> params = new HashMap<>();
        if (!endings.isEmpty()) {
            scanWhole(topics.trials(), record -> {
                if (record.key() != null && !endings.containsKey(studyOfTrialKey(record.key()))) {
                    return;
                }
                TrialScheduled trial = parse(record, TrialScheduled.class);
                if (trial != null && endings.containsKey(trial.studyId())) {
                    params.computeIfAbsent(trial.studyId(), id -> new HashMap<>())
                            .putIfAbsent(trial.trialNumber(), trial.params());
                }
            });
        }
        Map<String, EarlierStudy> found = new LinkedHashMap<>();
        for (String id : studyIds) {
            StudyAccepted a = accepted.get(id);
            if (a == null) {
                continue;
            }
            List<EarlierStudy.CompletedTrial> completed = new ArrayList<>();
            endings.getOrDefault(id, new LinkedHashMap<>()).forEach((number, ending) -> {
                Map<String, Object> p = params.getOrDefault(id, Map.of()).get(number);
                if (ending instanceof TrialCompleted c && p != null) {
                    completed.add(new EarlierStudy.CompletedTrial(number, p, c.values()));
                }
            });
            found.put(id, new EarlierStudy(id, a.spec(), completed));
        }
        return found;
    }

    /** The commands of the studies being taken over, in the order they were read. */
    private static final class Commands {
        private final List<IncomingCommand> inOrder = new ArrayList<>();

        void add(IncomingCommand command) {
            inOrder.add(command);
        }

        Takeover takeover(Map<String, Answers> answers, Map<String, List<TrialScheduled>> scheduled,
                          Map<String, List<TrialEvent>> trialEvents) {
            Map<String, List<IncomingCommand>> byStudy = new LinkedHashMap<>();
            inOrder.forEach(c -> byStudy.computeIfAbsent(c.studyId(), id -> new ArrayList<>()).add(c));
            Map<String, Set<String>> submissions = new LinkedHashMap<>();
            Set<IncomingCommand> pending = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<String> stopped = new HashSet<>();
            Set<String> studies = new LinkedHashSet<>(byStudy.keySet());
            studies.addAll(answers.keySet());
            for (String id : studies) {
                List<IncomingCommand> commands = byStudy.getOrDefault(id, List.of());
                Answers a = answers.getOrDefault(id, new Answers());
                // Answers leave in the order submissions arrive, one per distinct eventId.
                List<String> submitted = commands.stream().filter(c -> c instanceof IncomingCommand.Submit)
                        .map(IncomingCommand::eventId).distinct().toList();
                Set<String> answered = new LinkedHashSet<>(submitted.subList(0, Math.min(a.count, submitted.size())));
                if (!answered.isEmpty() || a.count > 0) {
                    submissions.put(id, answered);
                }
                boolean claimed = false;
                boolean waiting = false;
                for (IncomingCommand c : commands) {
                    if (c instanceof IncomingCommand.Submit && !answered.contains(c.eventId())) {
                        waiting = true;
                    }
                    if (waiting) {
                        pending.add(c);
                    } else if (c instanceof IncomingCommand.Submit) {
                        claimed = true;
                    } else if (claimed) {
                        stopped.add(id);
                    }
                }
            }
            List<StudyHistory> histories = new ArrayList<>();
            answers.forEach((id, a) -> {
                if (a.accepted != null && !a.completed) {
                    histories.add(new StudyHistory(id, a.accepted.spec(), a.accepted.timestamp(),
                            scheduled.getOrDefault(id, List.of()), trialEvents.getOrDefault(id, List.of()),
                            stopped.contains(id)));
                }
            });
            return new Takeover(submissions, histories, inOrder.stream().filter(pending::contains).toList());
        }
    }

    /** What the study-events topic says about one study. */
    private static final class Answers {
        StudyAccepted accepted;
        /** Acceptances and rejections: one per distinct submission answered. */
        int count;
        boolean completed;

        void add(StudyEvent event) {
            if (event instanceof StudyCompleted) {
                completed = true;
                return;
            }
            count++;
            if (event instanceof StudyAccepted a && accepted == null) {
                accepted = a;
            }
        }
    }

    private KafkaConsumer<String, String> reader() {
        return new KafkaConsumer<>(readerConfig, new StringDeserializer(), new StringDeserializer());
    }


    /**
     * Hands every record of {@code parts} that lies below the partition's end offset (as found
     * when the scan starts) to {@code sink}, partition by partition in offset order, and returns
     * those end offsets. Each scan has a consumer of its own, closed at the end.
     */
    private Map<TopicPartition, Long> scan(Collection<TopicPartition> parts, Consumer<ConsumerRecord<String, String>> sink) {
        if (parts.isEmpty()) {
            return Map.of();
        }
        try (KafkaConsumer<String, String> reader = reader()) {
            reader.assign(parts);
            Map<TopicPartition, Long> ends = reader.endOffsets(parts);
            reader.seekToBeginning(parts);
            Set<TopicPartition> remaining = new HashSet<>(parts);
            remaining.removeIf(tp -> reader.position(tp) >= ends.get(tp));
            long lastProgress = System.nanoTime();
            while (!remaining.isEmpty()) {
                ConsumerRecords<String, String> records = reader.poll(POLL);
                for (ConsumerRecord<String, String> record : records) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(record);
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    throw new IllegalStateException("reading " + remaining + " got no record for " + stallTimeout
                            + " before reaching offsets " + ends);
                }
                remaining.removeIf(tp -> reader.position(tp) >= ends.get(tp));
            }
            return ends;
        }
    }

    private Map<TopicPartition, Long> scanWhole(String topic, Consumer<ConsumerRecord<String, String>> sink) {
        List<TopicPartition> parts;
        try (KafkaConsumer<String, String> reader = reader()) {
            parts = reader.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        }
        return scan(parts, sink);
    }

    private static <T> T parse(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null || record.value().isBlank()) {
            return null;
        }
        try {
            return Json.read(record.value(), type);
        } catch (MalformedMessageException e) {
            // Dead-lettered when it was first read; nothing to rebuild from it.
            return null;
        }
    }

    private static String studyOfTrialKey(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((tp, offset) -> result.put(tp.partition(), offset));
        return result;
    }
}
