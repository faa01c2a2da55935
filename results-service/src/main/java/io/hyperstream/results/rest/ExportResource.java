package io.hyperstream.results.rest;

import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.document.StudyDoc;
import io.hyperstream.results.service.Specs;
import io.hyperstream.results.service.StudyQueries;
import io.hyperstream.results.service.TrialQueries;
import io.hyperstream.results.service.TrialsExport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** All of a study's trials as CSV or JSON, one row per trial, in the shape of Optuna's trials_dataframe. */
@Path("/api/studies/{studyId}/export")
@Tag(name = "Analysis", description = "Parameter importances, exports and reports of a study")
public class ExportResource {

    static final String CSV = "text/csv";

    private final StudyQueries studies;
    private final TrialQueries trials;

    public ExportResource(StudyQueries studies, TrialQueries trials) {
        this.studies = studies;
        this.trials = trials;
    }

    @GET
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "Export every trial",
            description = "One row per trial, by number, with the columns of Optuna's study.trials_dataframe():"
                    + " number, value (values_0, values_1... with several objectives), datetime_start,"
                    + " datetime_complete (ISO-8601 UTC), duration (seconds), params_<name>, user_attrs_<name>"
                    + " (the trainer id and each final metric), state. format=csv or format=json (an array of"
                    + " rows); without format, the Accept header decides (JSON unless it asks for text/csv).")
    @APIResponse(responseCode = "200", description = "The rows",
            content = {@Content(mediaType = CSV), @Content(mediaType = MediaType.APPLICATION_JSON)})
    @APIResponse(responseCode = "400", description = "A format other than csv or json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@Parameter(description = "The study id") @PathParam("studyId") String studyId,
                           @Parameter(description = "csv or json", schema = @Schema(enumeration = {"csv", "json"}))
                           @QueryParam("format") String format,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv;
        if (format == null || format.isBlank()) {
            csv = accept != null && accept.toLowerCase(Locale.ROOT).contains(CSV);
        } else if (format.trim().equalsIgnoreCase("csv") || format.trim().equalsIgnoreCase("json")) {
            csv = format.trim().equalsIgnoreCase("csv");
        } else {
            throw ProblemException.badRequest("format must be csv or json, but got '" + format + "'");
        }
        Document study = studies.document(studyId).orElseThrow(() -> StudyResource.studyNotFound(studyId));
        List<ParamSpec> space = Specs.of(study).map(StudySpec::searchSpace).orElse(List.of());
        TrialsExport export = TrialsExport.of(trials.documents(studyId), space,
                Math.max(1, StudyDoc.directions(study).size()));
        String file = studyId + "-trials." + (csv ? "csv" : "json");
        return Response.ok(csv ? export.csv() : export.rows())
                .type(csv ? CSV + "; charset=UTF-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }
}
