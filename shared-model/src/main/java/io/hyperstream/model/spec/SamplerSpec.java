package io.hyperstream.model.spec;

import java.util.Map;

/**
 * Which sampler chooses the trials' parameters, its options, and its seed (null: chosen at
 * submission and recorded, so that the study can be reproduced).
 */
public record SamplerSpec(String type, Map<String, Object> options, Long seed) {

    public SamplerSpec {
        type = type == null ? "auto" : type.trim();
        if (type.isEmpty()) {
            throw new IllegalArgumentException("sampler.type must not be empty");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The default: the auto sampler (it picks one from the space and budget) with an unspecified seed. */
    public static SamplerSpec defaults() {
        return new SamplerSpec(null, null, null);
    }
}
