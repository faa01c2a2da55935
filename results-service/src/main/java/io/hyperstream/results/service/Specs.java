package io.hyperstream.results.service;

import io.hyperstream.model.Json;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.StudyDoc;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** The spec of a stored study as the shared model's {@link StudySpec}. */
public final class Specs {

    private Specs() {
    }

    /** The spec an accepted study ran with; empty for a study not accepted (rejected, or only seen in trial events). */
    public static Optional<StudySpec> of(Document study) {
        Map<String, Object> spec = BsonValues.map(study.get(StudyDoc.SPEC));
        return spec == null ? Optional.empty() : Optional.of(Json.mapper().convertValue(spec, StudySpec.class));
    }
}
