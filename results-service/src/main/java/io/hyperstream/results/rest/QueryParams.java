package io.hyperstream.results.rest;

import java.util.Arrays;
import java.util.Locale;

/**
 * Reads query and path parameters given as text, so that a bad value gets a 400 that names the
 * parameter and the value (JAX-RS would answer a failed conversion with a bare 404).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** An integer in [min, max], or {@code fallback} when absent. */
    public static int integer(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be " + range(min, max) + ", but got '" + text + "'");
        }
        if (value < min || value > max) {
            throw ProblemException.badRequest(name + " must be " + range(min, max) + ", but got " + value);
        }
        return value;
    }

    /** A whole number (any long), or {@code fallback} when absent. */
    public static long longInteger(String name, String text, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number, but got '" + text + "'");
        }
    }

    /** One of an enum's constants (any case), or null when absent. */
    public static <E extends Enum<E>> E constant(String name, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", but got '" + text + "'");
        }
    }

    /** {@code asc} (false) or {@code desc} (true), any case; {@code asc} when absent. */
    public static boolean descending(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("asc")) {
            return false;
        }
        if (text.trim().equalsIgnoreCase("desc")) {
            return true;
        }
        throw ProblemException.badRequest("order must be asc or desc, but got '" + text + "'");
    }

    /** A required text parameter. */
    public static String required(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(name + " is required");
        }
        return text.trim();
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
    }
}
