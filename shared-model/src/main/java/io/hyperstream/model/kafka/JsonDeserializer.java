package io.hyperstream.model.kafka;

import io.hyperstream.model.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one event family from UTF-8 JSON. Throws {@link io.hyperstream.model.MalformedMessageException}
 * on bad input; consumers that must survive poison messages read strings and call {@link Json#read}.
 */
public class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    public JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : Json.read(new String(data, StandardCharsets.UTF_8), type);
    }
}
