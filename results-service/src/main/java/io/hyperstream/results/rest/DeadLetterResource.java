package io.hyperstream.results.rest;

import io.hyperstream.results.service.DeadLetterQueries;
import io.hyperstream.results.service.DeadLetterView;
import io.hyperstream.results.service.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Messages any service could not read, for operators. */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Messages that could not be read, with the reason")
public class DeadLetterResource {

    private final DeadLetterQueries deadLetters;

    public DeadLetterResource(DeadLetterQueries deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(summary = "A page of dead letters, newest first")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "400", description = "A bad page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeadLetterView> list(
            @Parameter(description = "Only dead letters written by this service, such as sampler-service")
            @QueryParam("service") String service,
            @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 1000 (default 50)") @QueryParam("size") String size) {
        return deadLetters.page(service == null || service.isBlank() ? null : service.trim(),
                QueryParams.integer("page", page, 0, 0, Integer.MAX_VALUE),
                QueryParams.integer("size", size, StudyResource.DEFAULT_PAGE_SIZE, 1, StudyResource.MAX_PAGE_SIZE));
    }
}
