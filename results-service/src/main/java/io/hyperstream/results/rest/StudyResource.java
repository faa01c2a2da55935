package io.hyperstream.results.rest;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.TrialState;
import io.hyperstream.results.service.BestTrial;
import io.hyperstream.results.service.Page;
import io.hyperstream.results.service.StudyDetail;
import io.hyperstream.results.service.StudyQueries;
import io.hyperstream.results.service.StudySummary;
import io.hyperstream.results.service.TrialDetail;
import io.hyperstream.results.service.TrialQueries;
import io.hyperstream.results.service.TrialSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Studies, their trials and each trial's epoch history, as stored from the event topics. */
@Path("/api/studies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Studies", description = "Studies and their trials")
public class StudyResource {

    /** Page size bounds of the trial list. */
    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 50;
    /** How many studies the list returns unless asked otherwise. */
    static final int DEFAULT_STUDY_LIMIT = 100;

    private final StudyQueries studies;
    private final TrialQueries trials;

    public StudyResource(StudyQueries studies, TrialQueries trials) {
        this.studies = studies;
        this.trials = trials;
    }

    @GET
    @Operation(summary = "List studies, newest first",
            description = "Each study with its trial counts by state and, for single-objective studies, the best final value.")
    @APIResponse(responseCode = "200", description = "The studies",
            content = @Content(schema = @Schema(implementation = StudySummary.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A bad state or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<StudySummary> list(
            @Parameter(description = "Only studies in this state",
                    schema = @Schema(enumeration = {"RUNNING", "COMPLETE", "REJECTED"}))
            @QueryParam("state") String state,
            @Parameter(description = "Most studies returned, 1 to 1000 (default 100)")
            @QueryParam("limit") String limit) {
        return studies.list(QueryParams.constant("state", state, StudyState.class),
                QueryParams.integer("limit", limit, DEFAULT_STUDY_LIMIT, 1, MAX_PAGE_SIZE));
    }

    @GET
    @Path("/{studyId}")
    @Operation(summary = "One study",
            description = "Its spec, state, trial counts by state, best trial (single-objective studies)"
                    + " and best trials (the Pareto front).")
    @APIResponse(responseCode = "200", description = "The study",
            content = @Content(schema = @Schema(implementation = StudyDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StudyDetail study(@Parameter(description = "The study id") @PathParam("studyId") String studyId) {
        return studies.find(studyId).orElseThrow(() -> studyNotFound(studyId));
    }

    @GET
    @Path("/{studyId}/pareto-front")
    @Operation(summary = "A study's Pareto front",
            description = "The non-dominated complete trials, each objective in its direction, sorted by number;"
                    + " with one objective, the trials that share the best value. The same list as bestTrials"
                    + " in the study.")
    @APIResponse(responseCode = "200", description = "The trials on the front",
            content = @Content(schema = @Schema(implementation = BestTrial.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<BestTrial> paretoFront(@Parameter(description = "The study id") @PathParam("studyId") String studyId) {
        return studies.paretoFront(studyId).orElseThrow(() -> studyNotFound(studyId));
    }

    @GET
    @Path("/{studyId}/trials")
    @Operation(summary = "A page of a study's trials, sorted by number")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "400", description = "A bad state, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TrialSummary> trials(
            @Parameter(description = "The study id") @PathParam("studyId") String studyId,
            @Parameter(description = "Only trials in this state",
                    schema = @Schema(enumeration = {"WAITING", "RUNNING", "COMPLETE", "PRUNED", "FAIL"}))
            @QueryParam("state") String state,
            @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 1000 (default 50)") @QueryParam("size") String size) {
        TrialState wanted = QueryParams.constant("state", state, TrialState.class);
        int pageNumber = QueryParams.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = QueryParams.integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        if (!studies.exists(studyId)) {
            throw studyNotFound(studyId);
        }
        return trials.page(studyId, wanted, pageNumber, pageSize);
    }

    @GET
    @Path("/{studyId}/trials/{number}")
    @Operation(summary = "One trial with its epoch history")
    @APIResponse(responseCode = "200", description = "The trial",
            content = @Content(schema = @Schema(implementation = TrialDetail.class)))
    @APIResponse(responseCode = "400", description = "A trial number that is not a whole number >= 0",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study or trial",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrialDetail trial(@Parameter(description = "The study id") @PathParam("studyId") String studyId,
                             @Parameter(description = "The trial number, from 0") @PathParam("number") String number) {
        int trialNumber = QueryParams.integer("trial number", number, -1, 0, Integer.MAX_VALUE);
        return trials.find(studyId, trialNumber).orElseThrow(() -> studies.exists(studyId)
                ? ProblemException.notFound("trial " + trialNumber + " of study '" + studyId + "' not found")
                : studyNotFound(studyId));
    }

    private static ProblemException studyNotFound(String studyId) {
        return ProblemException.notFound("study '" + studyId + "' not found");
    }
}
