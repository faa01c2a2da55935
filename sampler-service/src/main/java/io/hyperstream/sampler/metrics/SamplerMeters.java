package io.hyperstream.sampler.metrics;

import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sampler's domain metrics: studies accepted and rejected, trials scheduled and the time the
 * sampler takes to choose a trial's parameters. Tagged by sampler type or rejection kind, never by
 * study: labels stay few whatever the number of studies.
 */
@Singleton
public class SamplerMeters {

    private static final int STUDIES_REMEMBERED = 10_000;

    private final MeterRegistry registry;
    /** The sampler type of recent studies, to tag their trials. */
    private final Map<String, String> samplerOfStudy = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > STUDIES_REMEMBERED;
        }
    };

    public SamplerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a study event once it is published. */
    public void published(StudyEvent event) {
        if (event instanceof StudyAccepted accepted) {
            String sampler = accepted.spec().sampler().type();
            remember(event.studyId(), sampler);
            counter("hyperstream.sampler.studies.accepted", "Studies accepted", "sampler", sampler).increment();
        } else if (event instanceof StudyRejected rejected) {
            counter("hyperstream.sampler.studies.rejected", "Study submissions rejected, by kind of problem",
                    "reason", RejectionKind.of(rejected)).increment();
        } else if (event instanceof StudyCompleted) {
            synchronized (samplerOfStudy) {
                samplerOfStudy.remove(event.studyId());
            }
        }
    }

    /** Records how long a sampler took to choose one trial's parameters. */
    public void sampled(String studyId, String samplerType, long nanos) {
        remember(studyId, samplerType);
        Timer.builder("hyperstream.sampler.configuration")
                .description("Time the sampler takes to choose the parameters of one trial")
                .tag("sampler", samplerType)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a trial once it is published. */
    public void scheduled(String studyId) {
        String sampler;
        synchronized (samplerOfStudy) {
            sampler = samplerOfStudy.getOrDefault(studyId, "unknown");
        }
        counter("hyperstream.sampler.trials.scheduled", "Trials scheduled", "sampler", sampler).increment();
    }

    private void remember(String studyId, String samplerType) {
        synchronized (samplerOfStudy) {
            samplerOfStudy.put(studyId, samplerType);
        }
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
