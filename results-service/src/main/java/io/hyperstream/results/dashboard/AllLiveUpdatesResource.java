package io.hyperstream.results.dashboard;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-sent events telling the study list that some study's stored data changed. */
@Path("/api/events")
@Tag(name = "Dashboard plots")
public class AllLiveUpdatesResource {

    private final StudyChanges changes;

    public AllLiveUpdatesResource(StudyChanges changes) {
        this.changes = changes;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live updates of every study (server-sent events)",
            description = "The messages of /api/studies/{studyId}/events, for all studies.")
    public Multi<LiveUpdate> all() {
        return changes.stream(null);
    }
}
