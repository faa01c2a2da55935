package io.hyperstream.sampler.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.StopStudyRequested;
import io.hyperstream.model.event.StudyCommand;
import io.hyperstream.model.spec.StudySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads study commands in two steps, so that a submission whose envelope names a study but whose
 * spec is invalid can be rejected for that study instead of being dead-lettered.
 */
public final class CommandReader {

    private static final String SUBMITTED = "StudySubmitted";
    private static final String STOP = "StopStudyRequested";
    private static final Set<String> SUBMITTED_FIELDS = Set.of("type", "eventId", "studyId", "timestamp", "spec");

    private CommandReader() {
    }

    /**
     * The command in {@code text}. Throws {@link MalformedMessageException} when the text is not
     * JSON, is not a StudySubmitted or StopStudyRequested, or lacks its eventId or studyId; a
     * readable submission with an invalid spec is returned with the problem described.
     */
    public static IncomingCommand read(String text) {
        return read(text, Integer.MAX_VALUE);
    }

    /**
     * The command in {@code text}, as {@link #read(String)} reads it; a readable submission
     * larger than {@code maxSubmissionBytes} (UTF-8) is returned with that as its problem, its
     * spec unread.
     */
    public static IncomingCommand read(String text, int maxSubmissionBytes) {
        if (text == null || text.isBlank()) {
            throw new MalformedMessageException("the message is empty", null);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(Json.describe(e), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException("a study command must be a JSON object, but got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)), null);
        }
        String type = node.path("type").isTextual() ? node.get("type").asText() : null;
        if (!SUBMITTED.equals(type) && !STOP.equals(type)) {
            throw new MalformedMessageException("type must be " + SUBMITTED + " or " + STOP + ", but got "
                    + (type == null ? node.get("type") : "'" + type + "'"), null);
        }
        String eventId = requiredText(node, "eventId");
        String studyId = requiredText(node, "studyId");
        if (STOP.equals(type)) {
            return readStop(node);
        }
        long bytes = Utf8.length(text);
        if (bytes > maxSubmissionBytes) {
            return problem(eventId, studyId, "StudySubmitted is " + bytes + " bytes; at most " + maxSubmissionBytes
                    + " are allowed (hyperstream.sampler.max-spec-bytes)");
        }
        return readSubmit(node, eventId, studyId);
    }

    private static IncomingCommand.Stop readStop(JsonNode node) {
        try {
            StopStudyRequested stop = (StopStudyRequested) Json.mapper().treeToValue(node, StudyCommand.class);
            return new IncomingCommand.Stop(stop.eventId(), stop.studyId(), stop.reason());
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(Json.describe(e), e);
        }
    }

    private static IncomingCommand.Submit readSubmit(JsonNode node, String eventId, String studyId) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SUBMITTED_FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            return problem(eventId, studyId, "unknown field(s) " + unknown + " in StudySubmitted (known: "
                    + SUBMITTED_FIELDS.stream().sorted().toList() + ")");
        }
        JsonNode timestamp = node.get("timestamp");
        if (timestamp != null && !timestamp.isNull()) {
            try {
                Json.mapper().treeToValue(timestamp, Instant.class);
            } catch (JsonProcessingException e) {
                return problem(eventId, studyId, "timestamp: " + Json.describe(e));
            }
        }
        JsonNode specNode = node.get("spec");
        if (specNode == null || specNode.isNull()) {
            return problem(eventId, studyId, "spec is required");
        }
        try {
            StudySpec spec = Json.mapper().treeToValue(specNode, StudySpec.class);
            return IncomingCommand.Submit.of(eventId, studyId, spec);
        } catch (JsonProcessingException e) {
            return problem(eventId, studyId, Json.describe(e));
        } catch (RuntimeException e) {
            // A validation error that Jackson did not wrap; its message names the field.
            return problem(eventId, studyId, e.getMessage() != null ? e.getMessage() : "spec: " + e);
        }
    }

    private static IncomingCommand.Submit problem(String eventId, String studyId, String problem) {
        return new IncomingCommand.Submit(eventId, studyId, null, problem);
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedMessageException(field + " is required", null);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedMessageException(field + " must be a non-empty string, but got " + value, null);
        }
        return value.asText();
    }
}
