package io.hyperstream.sampler.algorithm;

import java.util.Map;

/** Reads typed sampler options from a spec's options map, naming the option and value on error. */
final class OptionReader {

    private final String sampler;
    private final Map<String, Object> options;

    OptionReader(String sampler, Map<String, Object> options) {
        this.sampler = sampler;
        this.options = options;
    }

    int integer(String name, int fallback) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw bad(name, v, "an integer");
    }

    double number(String name, double fallback) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw bad(name, v, "a number");
    }

    boolean bool(String name, boolean fallback) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(name, v, "true or false");
    }

    /** A number, or null when the option is absent. */
    Double optionalNumber(String name) {
        return options.get(name) == null ? null : number(name, Double.NaN);
    }

    String text(String name, String fallback) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw bad(name, v, "a string");
    }

    private IllegalArgumentException bad(String name, Object value, String expected) {
        return bad(sampler, name, value, expected);
    }

    /** The error for an option whose value is not what the sampler expects. */
    static IllegalArgumentException bad(String sampler, String name, Object value, String expected) {
        return new IllegalArgumentException("sampler.options." + name + " of sampler '" + sampler
                + "' must be " + expected + ", but got " + value);
    }
}
