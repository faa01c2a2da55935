package io.hyperstream.pruner.rest;

import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.StudySummary;
import io.hyperstream.pruner.service.VerdictLatency;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the pruner holds and how fast it answers. */
@Path("/api/pruner")
@Produces(MediaType.APPLICATION_JSON)
public class PrunerResource {

    /**
     * The studies the pruner follows, how many studies have trial events but no acceptance yet,
     * and the verdict latency (report timestamp to verdict published) over the latest verdicts,
     * with the part of it spent in the pruner (report read to verdict acknowledged).
     */
    public record Status(List<StudySummary> studies, int earlyStudies, long verdicts, Double latencyMsP50,
                         Double latencyMsP99, Double handlingMsP50, Double handlingMsP99) {
    }

    private final PruningService pruning;
    private final VerdictLatency latency;

    public PrunerResource(PruningService pruning, VerdictLatency latency) {
        this.pruning = pruning;
        this.latency = latency;
    }

    @GET
    public Status status() {
        return new Status(pruning.studies(), pruning.earlyStudyCount(), latency.count(),
                finite(latency.percentileMillis(50)), finite(latency.percentileMillis(99)),
                finite(latency.handlingPercentileMillis(50)), finite(latency.handlingPercentileMillis(99)));
    }

    /**
     * One study's verdicts since this instance started: how many, how many said prune, and their
     * latency; kept for the latest studies, completed ones included. 404 for a study without verdicts.
     */
    @GET
    @Path("/studies/{studyId}")
    public VerdictLatency.StudyFigures study(@PathParam("studyId") String studyId) {
        return latency.study(studyId).orElseThrow(() -> new NotFoundException("no verdicts for study " + studyId));
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
