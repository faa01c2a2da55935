package io.hyperstream.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/** The one JSON configuration every service uses for specs and events. */
public final class Json {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS))
            .build();

    private Json() {
    }

    /** Applies the shared settings to a mapper builder (JSON or YAML). */
    public static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
            B configure(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** The shared mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes a value as JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads JSON into a type, or throws {@link MalformedMessageException} with a message that
     * names the field (as a path) and what was wrong with it.
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(describe(e), e);
        }
    }

    /** A one-line description of a parse or mapping error: the path, then the root cause. */
    public static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        // The first cause that is not Jackson's own wrapper carries the domain message
        // (a compact constructor's "low <= high must hold ...").
        Throwable root = e;
        while (root instanceof JsonProcessingException && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonProcessingException p ? p.getOriginalMessage() : root.getMessage();
        if (message == null) {
            message = root.getClass().getSimpleName();
        }
        return path.isEmpty() ? message : path + ": " + message;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
