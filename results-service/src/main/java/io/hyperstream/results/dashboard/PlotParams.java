package io.hyperstream.results.dashboard;

import io.hyperstream.results.rest.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** Reads the plot endpoints' query parameters, answering a bad one with a 400 that names it and its value. */
final class PlotParams {

    private PlotParams() {
    }

    /** An integer in [min, max], or {@code fallback} when absent. */
    static int integer(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be an integer from " + min + " to " + max
                    + ", but got '" + text + "'");
        }
        if (value < min || value > max) {
            throw ProblemException.badRequest(name + " must be an integer from " + min + " to " + max
                    + ", but got " + value);
        }
        return value;
    }

    /** {@code asc} (false) or {@code desc} (true), any case; {@code asc} when absent. */
    static boolean descending(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("asc")) {
            return false;
        }
        if (text.trim().equalsIgnoreCase("desc")) {
            return true;
        }
        throw ProblemException.badRequest("order must be asc or desc, but got '" + text + "'");
    }

    /** One of an enum's constants (any case), or null when absent. */
    static <E extends Enum<E>> E constant(String name, String text, Class<E> type) {
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

    /** A required text parameter. */
    static String required(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(name + " is required");
        }
        return text.trim();
    }
}
