package io.hyperstream.cli.bench;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.model.spec.SamplerSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A sampler as a bench command names it: a registered type, optionally with options, written
 * {@code type:option=value:option=value} (for example {@code tpe:n_ei_candidates=64}).
 *
 * @param label   the text as given, used in tables and JSON
 * @param type    the registered sampler type
 * @param options the options (numbers, booleans or text)
 */
public record SamplerChoice(String label, String type, Map<String, Object> options) {

    /** Parses one choice; an option without {@code =} is a clear error. */
    public static SamplerChoice parse(String text) {
        String[] parts = text.trim().split(":");
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCodes.BAD_INPUT, "--samplers: '" + parts[i] + "' in '" + text
                        + "' is not option=value");
            }
            options.put(parts[i].substring(0, eq).trim(), value(parts[i].substring(eq + 1).trim()));
        }
        return new SamplerChoice(text.trim(), parts[0].trim(), Map.copyOf(options));
    }

    /** The sampler spec with this choice's type and options and the given seed. */
    public SamplerSpec spec(long seed) {
        return new SamplerSpec(type, options, seed);
    }

    private static Object value(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notDouble) {
                return text;
            }
        }
    }
}
