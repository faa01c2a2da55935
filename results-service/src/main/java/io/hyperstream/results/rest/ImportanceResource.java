package io.hyperstream.results.rest;

import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.service.Specs;
import io.hyperstream.results.service.StudyImportances;
import io.hyperstream.results.service.StudyQueries;
import io.hyperstream.results.service.TrialQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which parameters matter: fANOVA or PED-ANOVA importances of a study's complete trials. */
@Path("/api/studies/{studyId}/importances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analysis", description = "Parameter importances, exports and reports of a study")
public class ImportanceResource {

    private final StudyQueries studies;
    private final TrialQueries trials;
    private final StudyImportances importances;

    public ImportanceResource(StudyQueries studies, TrialQueries trials, StudyImportances importances) {
        this.studies = studies;
        this.trials = trials;
        this.importances = importances;
    }

    @GET
    @Operation(summary = "Parameter importances",
            description = "fanova (default): Optuna's fANOVA on a random forest of 64 trees (depth <= 64) fitted"
                    + " to the complete trials, deterministic for a seed; it takes seconds for thousands of trials"
                    + " (results are kept until a trial completes). ped-anova: Optuna's PED-ANOVA (how differently"
                    + " the top 10% of the trials are spread from all of them), milliseconds: for live views."
                    + " Only complete trials with a finite value; by default the parameters every one of them has"
                    + " (conditional ones missing from some are listed in excluded). Importances sum to 1, highest"
                    + " first; importances is empty, with a message, before 2 such trials exist.")
    @APIResponse(responseCode = "200", description = "{studyId, method, objective, seed, trials, importances:"
            + " [{param, importance}], excluded, message}",
            content = @Content(schema = @Schema(implementation = StudyImportances.Report.class)))
    @APIResponse(responseCode = "400", description = "A bad method, seed, objective or parameter name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The study was not accepted: it has no search space",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StudyImportances.Report importances(
            @Parameter(description = "The study id") @PathParam("studyId") String studyId,
            @Parameter(description = "fanova (default) or ped-anova", schema = @Schema(enumeration = {"fanova", "ped-anova"}))
            @QueryParam("method") String method,
            @Parameter(description = "The forest's seed (fanova), a whole number (default 0)") @QueryParam("seed") String seed,
            @Parameter(description = "Which objective's values to explain, from 0 (default 0)")
            @QueryParam("objective") String objective,
            @Parameter(description = "Only these parameters, separated by commas (then only the trials that have"
                    + " them all)") @QueryParam("params") String params) {
        StudyImportances.Method chosen = method == null || method.isBlank() ? StudyImportances.Method.FANOVA
                : StudyImportances.Method.parse(method);
        if (chosen == null) {
            throw ProblemException.badRequest("method must be fanova or ped-anova, but got '" + method + "'");
        }
        long seedValue = QueryParams.longInteger("seed", seed, 0);
        Document study = studies.document(studyId).orElseThrow(() -> StudyResource.studyNotFound(studyId));
        StudySpec spec = Specs.of(study).orElseThrow(() -> ProblemException.conflict("study '" + studyId
                + "' was not accepted (" + StudyQueries.state(study) + "): it has no search space to assess"));
        int objectiveIndex = QueryParams.integer("objective", objective, 0, 0, spec.directions().size() - 1);
        List<String> requested = params == null || params.isBlank() ? null
                : Arrays.stream(params.split(",")).map(String::trim).filter(p -> !p.isEmpty()).distinct().toList();
        try {
            return importances.compute(studyId, spec, trials.rows(studyId, studies.stats(studyId)), chosen, seedValue,
                    objectiveIndex, requested);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("params: " + e.getMessage());
        }
    }
}
