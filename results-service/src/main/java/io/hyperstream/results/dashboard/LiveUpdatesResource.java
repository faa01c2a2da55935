package io.hyperstream.results.dashboard;

import io.hyperstream.results.rest.Problem;
import io.hyperstream.results.rest.ProblemException;
import io.hyperstream.results.service.StudyQueries;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-sent events telling the dashboard that a study's stored data changed. */
@Path("/api/studies/{studyId}/events")
@Tag(name = "Dashboard plots")
public class LiveUpdatesResource {

    private final StudyChanges changes;
    private final StudyQueries studies;

    public LiveUpdatesResource(StudyChanges changes, StudyQueries studies) {
        this.changes = changes;
        this.studies = studies;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live updates of one study (server-sent events)",
            description = "{type: open} first, then {type: change, studyId, trialWrites, studyWritten, at} at most once"
                    + " per live interval while its trials or state are stored, and {type: ping} when idle.")
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<LiveUpdate> study(@PathParam("studyId") String studyId) {
        if (!studies.exists(studyId)) {
            throw ProblemException.notFound("study '" + studyId + "' not found");
        }
        return changes.stream(studyId);
    }
}
