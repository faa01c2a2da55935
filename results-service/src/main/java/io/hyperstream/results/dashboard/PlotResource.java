package io.hyperstream.results.dashboard;

import io.hyperstream.model.TrialState;
import io.hyperstream.results.dashboard.plot.ContourPlot;
import io.hyperstream.results.dashboard.plot.EdfPlot;
import io.hyperstream.results.dashboard.plot.HistoryPlot;
import io.hyperstream.results.dashboard.plot.IntermediatePlot;
import io.hyperstream.results.dashboard.plot.ParamsPlot;
import io.hyperstream.results.dashboard.plot.ParetoPlot;
import io.hyperstream.results.dashboard.plot.StudyData;
import io.hyperstream.results.dashboard.plot.TimelinePlot;
import io.hyperstream.results.dashboard.plot.TrialTable;
import io.hyperstream.results.rest.Problem;
import io.hyperstream.results.rest.ProblemException;
import io.hyperstream.results.rest.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dashboard's plots, computed from the stored trials and cut to what a browser draws quickly
 * (at most {@code max_points} points, {@code max_trials} curves...), whatever the study's size.
 */
@Path("/api/studies/{studyId}/plots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard plots", description = "Aggregated, downsampled data of the dashboard's plots")
@APIResponse(responseCode = "400", description = "A bad parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "Unknown study",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PlotResource {

    static final int MAX_POINTS = 20_000;
    static final int MAX_CURVES = 1_000;
    static final int MAX_GRID = 60;

    private final TrialSnapshots snapshots;

    public PlotResource(TrialSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GET
    @Path("/history")
    @Operation(summary = "Optimization history: complete trials' values by number and the best value so far")
    public HistoryPlot history(@PathParam("studyId") String studyId,
                               @Parameter(description = "Objective index from 0 (default 0)") @QueryParam("objective") String objective,
                               @Parameter(description = "Most points drawn, 10 to 20000 (default 2000)") @QueryParam("max_points") String maxPoints) {
        int points = QueryParams.integer("max_points", maxPoints, 2000, 10, MAX_POINTS);
        return plot(studyId, objective, (study, k) -> HistoryPlot.of(study, k, points));
    }

    @GET
    @Path("/intermediate")
    @Operation(summary = "Learning curves: values reported per epoch by the best, the running and a sample of the other trials")
    public IntermediatePlot intermediate(@PathParam("studyId") String studyId,
                                         @Parameter(description = "Objective index from 0 (default 0)") @QueryParam("objective") String objective,
                                         @Parameter(description = "Most curves, 1 to 1000 (default 100)") @QueryParam("max_trials") String maxTrials,
                                         @Parameter(description = "Most points per curve, 3 to 20000 (default 100)") @QueryParam("max_points") String maxPoints) {
        int trials = QueryParams.integer("max_trials", maxTrials, 100, 1, MAX_CURVES);
        int points = QueryParams.integer("max_points", maxPoints, 100, 3, MAX_POINTS);
        return plot(studyId, objective, (study, k) -> {
            Map<Integer, IntermediatePlot.Role> selection = IntermediatePlot.select(study, k, trials);
            Map<Integer, SortedMap<Integer, Double>> curves = snapshots.curves(studyId, selection.keySet(), k);
            return IntermediatePlot.of(study, k, selection, curves, points);
        });
    }

    @GET
    @Path("/params")
    @Operation(summary = "Complete trials' parameters and values, column by column (parallel coordinates, slice plots)")
    public ParamsPlot params(@PathParam("studyId") String studyId,
                             @Parameter(description = "Objective index from 0 (default 0)") @QueryParam("objective") String objective,
                             @Parameter(description = "Most trials, 10 to 20000 (default 2000)") @QueryParam("max_points") String maxPoints) {
        int points = QueryParams.integer("max_points", maxPoints, 2000, 10, MAX_POINTS);
        return plot(studyId, objective, (study, k) -> ParamsPlot.of(study, k, points));
    }

    @GET
    @Path("/contour")
    @Operation(summary = "The objective over two parameters: an interpolated grid with the trials on top")
    public ContourPlot contour(@PathParam("studyId") String studyId,
                               @Parameter(description = "Parameter on the x axis", required = true) @QueryParam("x") String x,
                               @Parameter(description = "Parameter on the y axis", required = true) @QueryParam("y") String y,
                               @Parameter(description = "Objective index from 0 (default 0)") @QueryParam("objective") String objective,
                               @Parameter(description = "Cells per numeric axis, 2 to 60 (default 30)") @QueryParam("grid") String grid,
                               @Parameter(description = "Most trials drawn, 10 to 20000 (default 1000)") @QueryParam("max_points") String maxPoints) {
        String xName = QueryParams.required("x", x);
        String yName = QueryParams.required("y", y);
        int cells = QueryParams.integer("grid", grid, 30, 2, MAX_GRID);
        int points = QueryParams.integer("max_points", maxPoints, 1000, 10, MAX_POINTS);
        return plot(studyId, objective, (study, k) -> ContourPlot.of(study, k, xName, yName, cells, points));
    }

    @GET
    @Path("/edf")
    @Operation(summary = "Empirical distribution of the complete trials' values")
    public EdfPlot edf(@PathParam("studyId") String studyId,
                       @Parameter(description = "Objective index from 0 (default 0)") @QueryParam("objective") String objective,
                       @Parameter(description = "Most points, 10 to 20000 (default 1000)") @QueryParam("max_points") String maxPoints) {
        int points = QueryParams.integer("max_points", maxPoints, 1000, 10, MAX_POINTS);
        return plot(studyId, objective, (study, k) -> EdfPlot.of(study, k, points));
    }

    @GET
    @Path("/timeline")
    @Operation(summary = "Trials per trainer over time, and how many ran at once")
    public TimelinePlot timeline(@PathParam("studyId") String studyId,
                                 @Parameter(description = "Most bars, 10 to 20000 (default 3000)") @QueryParam("max_bars") String maxBars) {
        int bars = QueryParams.integer("max_bars", maxBars, 3000, 10, MAX_POINTS);
        return plot(studyId, null, (study, k) -> TimelinePlot.of(study, System.currentTimeMillis(), bars));
    }

    @GET
    @Path("/pareto")
    @Operation(summary = "Complete trials of a multi-objective study on two objectives, the Pareto front apart")
    public ParetoPlot pareto(@PathParam("studyId") String studyId,
                             @Parameter(description = "Objective on the x axis (default 0)") @QueryParam("x") String x,
                             @Parameter(description = "Objective on the y axis (default 1)") @QueryParam("y") String y,
                             @Parameter(description = "Most trials drawn, 10 to 20000 (default 2000)") @QueryParam("max_points") String maxPoints) {
        int xObjective = QueryParams.integer("x", x, 0, 0, 100);
        int yObjective = QueryParams.integer("y", y, 1, 0, 100);
        int points = QueryParams.integer("max_points", maxPoints, 2000, 10, MAX_POINTS);
        return plot(studyId, null, (study, k) -> ParetoPlot.of(study, xObjective, yObjective, points));
    }

    @GET
    @Path("/trials")
    @Operation(summary = "A page of the trial table, sorted by any column",
            description = "sort: number, state, value (first objective), value:K, duration, trainer, started,"
                    + " finished, epoch or param:NAME; trials without a value in that column come last.")
    public TrialTable trials(@PathParam("studyId") String studyId,
                             @Parameter(description = "Sort column (default number)") @QueryParam("sort") String sort,
                             @Parameter(description = "asc (default) or desc") @QueryParam("order") String order,
                             @Parameter(description = "Only trials in this state") @QueryParam("state") String state,
                             @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
                             @Parameter(description = "Page size, 1 to 1000 (default 50)") @QueryParam("size") String size) {
        boolean descending = QueryParams.descending(order);
        TrialState wanted = QueryParams.constant("state", state, TrialState.class);
        int pageNumber = QueryParams.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = QueryParams.integer("size", size, 50, 1, 1000);
        return plot(studyId, null, (study, k) -> TrialTable.of(study, sort, descending, wanted, pageNumber, pageSize));
    }

    /** A plot kind: the study and the objective index (0 when the plot has none) to the plot. */
    private interface PlotMaker<T> {
        T make(StudyData study, int objective);
    }

    private <T> T plot(String studyId, String objective, PlotMaker<T> maker) {
        int k = QueryParams.integer("objective", objective, 0, 0, 100);
        StudyData study = snapshots.study(studyId)
                .orElseThrow(() -> ProblemException.notFound("study '" + studyId + "' not found"));
        try {
            return maker.make(study, k);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
