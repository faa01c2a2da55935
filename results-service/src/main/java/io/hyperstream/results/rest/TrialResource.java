package io.hyperstream.results.rest;

import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.document.StudyDoc;
import io.hyperstream.results.service.Page;
import io.hyperstream.results.service.Specs;
import io.hyperstream.results.service.StudyQueries;
import io.hyperstream.results.service.TrialDetail;
import io.hyperstream.results.service.TrialQueries;
import io.hyperstream.results.service.TrialQuery;
import io.hyperstream.results.service.TrialSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A study's trials: pages (filtered and sorted) and single trials with every epoch's metrics. */
@Path("/api/studies/{studyId}/trials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trials", description = "A study's trials and their epoch histories")
public class TrialResource {

    private final StudyQueries studies;
    private final TrialQueries trials;

    public TrialResource(StudyQueries studies, TrialQueries trials) {
        this.studies = studies;
        this.trials = trials;
    }

    @GET
    @Operation(summary = "A page of a study's trials",
            description = "Filtered by state and by parameter ranges, sorted by trial number or by an objective's"
                    + " value (trials without a finite value last, in either order). Items leave out the epoch"
                    + " history (see one trial).")
    @Parameters({
            @Parameter(name = "state", in = ParameterIn.QUERY, description = "Only trials in this state (any case)",
                    schema = @Schema(enumeration = {"WAITING", "RUNNING", "COMPLETE", "PRUNED", "FAIL"})),
            @Parameter(name = "sort", in = ParameterIn.QUERY, description = "number (default) or value",
                    schema = @Schema(enumeration = {"number", "value"})),
            @Parameter(name = "order", in = ParameterIn.QUERY, description = "asc (default) or desc",
                    schema = @Schema(enumeration = {"asc", "desc"})),
            @Parameter(name = "objective", in = ParameterIn.QUERY,
                    description = "The objective sort=value uses, from 0 (default 0)"),
            @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number from 0 (default 0)"),
            @Parameter(name = "size", in = ParameterIn.QUERY, description = "Page size, 1 to 1000 (default 50)"),
            @Parameter(name = "param.<name>", in = ParameterIn.QUERY, description = "A filter on parameter <name>:"
                    + " low..high for numbers (param.lr=1e-4..1e-2; a bound may be left out: ..0.5, 3..; one number"
                    + " means equal), choices separated by commas for categoricals (param.optimizer=adam,sgd)."
                    + " Trials without the parameter are left out. One per parameter.")})
    @APIResponse(responseCode = "200", description = "The page: {page, size, total, items}",
            content = @Content(schema = @Schema(implementation = TrialPage.class)))
    @APIResponse(responseCode = "400", description = "A bad state, sort, order, objective, page, size or filter;"
            + " detail names the parameter and the value",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TrialSummary> page(@Parameter(description = "The study id") @PathParam("studyId") String studyId,
                                   UriInfo uri) {
        Document study = studies.document(studyId).orElseThrow(() -> StudyResource.studyNotFound(studyId));
        List<ParamSpec> space = Specs.of(study).map(StudySpec::searchSpace).orElse(List.of());
        TrialQuery query = TrialQueryParser.parse(uri.getQueryParameters(), space,
                StudyDoc.directions(study).size());
        return trials.page(studyId, studies.stats(studyId), query);
    }

    @GET
    @Path("/{number}")
    @Operation(summary = "One trial with every epoch's values and metrics")
    @APIResponse(responseCode = "200", description = "The trial",
            content = @Content(schema = @Schema(implementation = TrialDetail.class)))
    @APIResponse(responseCode = "400", description = "A trial number that is not a whole number >= 0",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study or trial",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrialDetail trial(@Parameter(description = "The study id") @PathParam("studyId") String studyId,
                             @Parameter(description = "The trial number, from 0") @PathParam("number") String number) {
        int trialNumber = QueryParams.integer("trial number", number, -1, 0, Integer.MAX_VALUE);
        if (!studies.exists(studyId)) {
            throw StudyResource.studyNotFound(studyId);
        }
        return trials.find(studyId, trialNumber).orElseThrow(() ->
                ProblemException.notFound("trial " + trialNumber + " of study '" + studyId + "' not found"));
    }

    /** A page of trials (for the OpenAPI description). */
    @Schema(name = "TrialPage")
    public record TrialPage(int page, int size, long total, List<TrialSummary> items) {
    }
}
