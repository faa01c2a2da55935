package io.hyperstream.results.rest;

import io.hyperstream.results.report.HtmlReport;
import io.hyperstream.results.report.MarkdownReport;
import io.hyperstream.results.report.ReportContent;
import io.hyperstream.results.report.ReportData;
import io.hyperstream.results.service.StudyImportances;
import io.hyperstream.results.service.StudyReports;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The experiment report of a study, as one HTML page or one Markdown file, plots included. */
@Path("/api/studies/{studyId}/report")
@Tag(name = "Analysis", description = "Parameter importances, exports and reports of a study")
public class ReportResource {

    static final String MARKDOWN = "text/markdown";

    private final StudyReports reports;

    public ReportResource(StudyReports reports) {
        this.reports = reports;
    }

    @GET
    @Produces({MediaType.TEXT_HTML, MARKDOWN})
    @Operation(summary = "The experiment report",
            description = "The spec, the environment (Hyperstream and Java versions, sampler and trial seeds, the"
                    + " trainers seen), the trial counts, the best trial with its metrics next to the"
                    + " null-accuracy baseline (or the Pareto front), the parameter importances, the plots"
                    + " (optimization history with best-so-far, intermediate values, importance bars; SVG drawn by"
                    + " the service, nothing fetched) and how to reproduce the run. format=html or format=md;"
                    + " without format, Markdown when Accept asks for text/markdown, HTML otherwise.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.TEXT_HTML), @Content(mediaType = MARKDOWN)})
    @APIResponse(responseCode = "400", description = "A bad format, importance method or seed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@Parameter(description = "The study id") @PathParam("studyId") String studyId,
                           @Parameter(description = "html or md", schema = @Schema(enumeration = {"html", "md"}))
                           @QueryParam("format") String format,
                           @Parameter(description = "fanova or ped-anova; default fanova up to 1000 complete trials,"
                                   + " ped-anova beyond") @QueryParam("importance") String importance,
                           @Parameter(description = "The fANOVA seed (default 0)") @QueryParam("seed") String seed,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept, UriInfo uri) {
        boolean markdown;
        if (format == null || format.isBlank()) {
            markdown = accept != null && accept.toLowerCase(Locale.ROOT).contains(MARKDOWN);
        } else {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!f.equals("html") && !f.equals("md") && !f.equals("markdown")) {
                throw ProblemException.badRequest("format must be html or md, but got '" + format + "'");
            }
            markdown = !f.equals("html");
        }
        StudyImportances.Method method = null;
        if (importance != null && !importance.isBlank()) {
            method = StudyImportances.Method.parse(importance);
            if (method == null) {
                throw ProblemException.badRequest("importance must be fanova or ped-anova, but got '" + importance + "'");
            }
        }
        long seedValue = QueryParams.longInteger("seed", seed, 0);
        ReportData data = reports.gather(studyId, method, seedValue)
                .orElseThrow(() -> StudyResource.studyNotFound(studyId));
        String api = uri.getBaseUri().toString().replaceAll("/+$", "");
        ReportContent content = ReportContent.of(data, api);
        String file = studyId + "-report." + (markdown ? "md" : "html");
        return Response.ok(markdown ? MarkdownReport.render(content) : HtmlReport.render(content))
                .type((markdown ? MARKDOWN : MediaType.TEXT_HTML) + "; charset=UTF-8")
                .header("Content-Disposition", "inline; filename=\"" + file + "\"")
                .build();
    }
}
