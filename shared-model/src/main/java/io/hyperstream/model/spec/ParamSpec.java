package io.hyperstream.model.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One hyperparameter of a search space: its name, its distribution and, for a conditional
 * parameter, the condition on an earlier parameter under which it exists.
 *
 * <p>JSON form (flat, as in {@code problems.json}):
 * {@code {"name":"lr","type":"float","low":1e-4,"high":0.1,"log":true}},
 * {@code {"name":"opt","type":"categorical","choices":["sgd","adam"]}},
 * {@code {"name":"n_units_l2","type":"int","low":4,"high":64,"condition":{"param":"n_layers","min":3}}}.
 */
@JsonSerialize(using = ParamSpec.Writer.class)
@JsonDeserialize(using = ParamSpec.Reader.class)
public record ParamSpec(String name, Distribution distribution, Condition condition) {

    public ParamSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty string, but got " + name);
        }
        if (distribution == null) {
            throw new IllegalArgumentException("parameter '" + name + "' has no distribution");
        }
    }

    /** A parameter that always exists. */
    public ParamSpec(String name, Distribution distribution) {
        this(name, distribution, null);
    }

    /** Whether this parameter exists only under a condition. */
    public boolean isConditional() {
        return condition != null;
    }

    static final class Writer extends JsonSerializer<ParamSpec> {
        @Override
        public void serialize(ParamSpec p, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeStringField("type", p.distribution().typeName());
            Distribution d = p.distribution();
            if (d instanceof FloatDistribution f) {
                g.writeNumberField("low", f.low());
                g.writeNumberField("high", f.high());
                g.writeBooleanField("log", f.log());
                if (f.step() != null) {
                    g.writeNumberField("step", f.step());
                }
            } else if (d instanceof IntDistribution i) {
                g.writeNumberField("low", i.low());
                g.writeNumberField("high", i.high());
                g.writeBooleanField("log", i.log());
                g.writeNumberField("step", i.step());
            } else if (d instanceof CategoricalDistribution c) {
                g.writeFieldName("choices");
                provider.defaultSerializeValue(c.choices(), g);
            }
            if (p.condition() != null) {
                g.writeFieldName("condition");
                provider.defaultSerializeValue(p.condition(), g);
            }
            g.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<ParamSpec> {
        private static final Set<String> FIELDS =
                Set.of("name", "type", "low", "high", "log", "step", "choices", "condition");

        @Override
        public ParamSpec deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a parameter must be an object, but got " + node);
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field '" + field + "' (known: " + FIELDS + ")");
                }
            }
            JsonNode nameNode = node.get("name");
            if (nameNode == null || !nameNode.isTextual()) {
                throw new IllegalArgumentException("name must be a string, but got " + nameNode);
            }
            String name = nameNode.asText();
            try {
                String type = node.path("type").asText("");
                Distribution distribution = switch (type) {
                    case "float" -> new FloatDistribution(
                            number(node, "low"), number(node, "high"), bool(node, "log"),
                            node.hasNonNull("step") ? number(node, "step") : null);
                    case "int" -> new IntDistribution(
                            integer(node, "low"), integer(node, "high"), bool(node, "log"),
                            node.hasNonNull("step") ? integer(node, "step") : 1);
                    case "categorical" -> new CategoricalDistribution(choices(node, ctx));
                    default -> throw new IllegalArgumentException(
                            "type must be one of float, int, categorical, but got '" + type + "'");
                };
                Condition condition = node.hasNonNull("condition")
                        ? ctx.readTreeAsValue(node.get("condition"), Condition.class)
                        : null;
                return new ParamSpec(name, distribution, condition);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
            }
        }

        private static double number(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException(field + " is required");
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual()) {
                // YAML and JSON writers spell non-finite numbers as strings; they are rejected by range checks.
                try {
                    return Double.parseDouble(v.asText());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(field + " must be a number, but got '" + v.asText() + "'");
                }
            }
            throw new IllegalArgumentException(field + " must be a number, but got " + v);
        }

        private static long integer(JsonNode node, String field) {
            double d = number(node, field);
            if (d != Math.rint(d) || Math.abs(d) > 1e15) {
                throw new IllegalArgumentException(field + " must be an integer, but got " + d);
            }
            return (long) d;
        }

        private static boolean bool(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(field + " must be true or false, but got " + v);
            }
            return v.booleanValue();
        }

        private static List<Object> choices(JsonNode node, DeserializationContext ctx) throws IOException {
            JsonNode v = node.get("choices");
            if (v == null || !v.isArray()) {
                throw new IllegalArgumentException("choices must be a list, but got " + v);
            }
            List<Object> choices = new ArrayList<>();
            for (JsonNode c : v) {
                if (c.isContainerNode()) {
                    throw new IllegalArgumentException("choices must be strings, numbers, booleans or null, but got " + c);
                }
                choices.add(ctx.readTreeAsValue(c, Object.class));
            }
            return choices;
        }
    }
}
