package io.hyperstream.results.service;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.event.StopStudyRequested;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.messaging.StudyCommandPublisher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * The commands the REST API sends to the sampler: a study submission and a stop request, checked
 * against what the service has stored, then published to the study-commands topic.
 */
@Singleton
public class StudyCommands {

    private static final Logger LOG = Logger.getLogger(StudyCommands.class);

    /** Letters, digits, '.', '_' and '-': safe in a Kafka key, a MongoDB id and a URL path (as {@code hpo submit}). */
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_NAME_PART = 60;

    private final StudyQueries studies;
    private final StudyCommandPublisher publisher;
    private final RandomGenerator random;

    @Inject
    public StudyCommands(StudyQueries studies, StudyCommandPublisher publisher) {
        this(studies, publisher, new SecureRandom());
    }

    StudyCommands(StudyQueries studies, StudyCommandPublisher publisher, RandomGenerator random) {
        this.studies = studies;
        this.publisher = publisher;
        this.random = random;
    }

    /** Why a command could not be sent; {@code status} is the HTTP status that says it. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Publishes a {@code StudySubmitted}. The id is the one given (checked) or
     * {@code <name>-<6 random characters>}; an id of a study already stored is refused (409).
     *
     * @return the event published
     */
    public StudySubmitted submit(StudySpec spec, String requestedId) {
        String studyId = requestedId == null ? generateId(spec.name()) : checkId(requestedId);
        if (studies.exists(studyId)) {
            throw new Refused(409, "study id '" + studyId + "' is already used; choose another studyId or leave it out");
        }
        StudySubmitted command = StudySubmitted.of(studyId, spec);
        publisher.publish(command);
        LOG.infof("study %s (%s) submitted through the API to %s", studyId, spec.name(), publisher.topic());
        return command;
    }

    /**
     * Publishes a {@code StopStudyRequested} for a running study: the sampler schedules no new
     * trial and running ones finish. An unknown study is refused (404), a finished one (409).
     */
    public StopStudyRequested stop(String studyId, String reason) {
        Optional<Document> study = studies.document(studyId);
        if (study.isEmpty()) {
            throw new Refused(404, "study '" + studyId + "' not found");
        }
        StudyState state = StudyQueries.state(study.get());
        if (state != StudyState.RUNNING) {
            throw new Refused(409, "study '" + studyId + "' is already " + state + ": there is nothing to stop");
        }
        StopStudyRequested command = StopStudyRequested.of(studyId,
                reason == null || reason.isBlank() ? "stop requested through the results API" : reason.trim());
        publisher.publish(command);
        LOG.infof("study %s: stop requested through the API (%s)", studyId, command.reason());
        return command;
    }

    /** The topic commands are published to. */
    public String topic() {
        return publisher.topic();
    }

    static String checkId(String studyId) {
        if (!VALID_ID.matcher(studyId).matches()) {
            throw new Refused(400, "studyId must start with a letter or digit and hold only letters, digits, '.',"
                    + " '_' and '-' (at most 128 characters), but got '" + studyId + "'");
        }
        return studyId;
    }

    private String generateId(String name) {
        String slug = name == null ? "" : name.trim().replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[._-]+", "").replaceAll("-+$", "");
        if (slug.length() > MAX_NAME_PART) {
            slug = slug.substring(0, MAX_NAME_PART);
        }
        StringBuilder id = new StringBuilder(slug.isEmpty() ? "study" : slug).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
