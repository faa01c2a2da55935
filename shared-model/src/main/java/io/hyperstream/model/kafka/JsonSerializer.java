package io.hyperstream.model.kafka;

import io.hyperstream.model.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/** Writes any spec or event as UTF-8 JSON. */
public class JsonSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : Json.write(data).getBytes(StandardCharsets.UTF_8);
    }
}
