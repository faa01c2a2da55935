package io.hyperstream.results.document;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Converts between the plain Java values of events and JSON, and what the MongoDB driver stores. */
public final class BsonValues {

    private BsonValues() {
    }

    /** A JSON-like value (maps, lists, numbers, strings, booleans, null) as a storable BSON value. */
    public static Object toBson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Document doc = new Document();
            map.forEach((k, v) -> doc.append(String.valueOf(k), toBson(v)));
            return doc;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toBson(v)));
            return out;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        throw new IllegalArgumentException("cannot store a value of type " + value.getClass().getName() + ": " + value);
    }

    /** A map as a BSON document; null stays null. */
    public static Document document(Map<String, ?> map) {
        return map == null ? null : (Document) toBson(map);
    }

    /** A stored value as plain Java for JSON output: documents become maps, dates instants. */
    public static Object toPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toPlain(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toPlain(v)));
            return out;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        return value;
    }

    /** A stored embedded document as a plain map, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) toPlain(value) : null;
    }

    /** A stored list of numbers as doubles, or null. */
    public static List<Double> doubles(Object value) {
        if (!(value instanceof Collection<?> list)) {
            return null;
        }
        List<Double> out = new ArrayList<>(list.size());
        for (Object v : list) {
            out.add(v instanceof Number n ? n.doubleValue() : null);
        }
        return out;
    }

    /** A stored map of numbers as a map of doubles, or null. */
    public static Map<String, Double> doubleMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Number n ? n.doubleValue() : null));
        return out;
    }

    /** A stored date as an instant, or null. */
    public static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    /** A stored whole number as an Integer, or null. */
    public static Integer integer(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    /** A stored whole number as a Long, or null. */
    public static Long longValue(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
