package io.hyperstream.results.rest;

import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.StudyState;
import io.hyperstream.model.event.StopStudyRequested;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import io.hyperstream.results.messaging.StudyCommandPublisher;
import io.hyperstream.results.service.BestTrial;
import io.hyperstream.results.service.Page;
import io.hyperstream.results.service.StudyCommands;
import io.hyperstream.results.service.StudyDetail;
import io.hyperstream.results.service.StudyQueries;
import io.hyperstream.results.service.StudySummary;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Studies: the list, one study, its best trials; submitting a study and asking one to stop. */
@Path("/api/studies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Studies", description = "Studies, their summaries, and the commands that start and stop them")
@SecurityScheme(securitySchemeName = "apiToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "hyperstream.results.api-token, required by mutating requests when configured")
public class StudyResource {

    /** Page size bounds of the study and trial lists. */
    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 50;

    /** The media types a study spec may be sent as (JSON is valid YAML; both are read by one reader). */
    static final String YAML = "application/yaml";

    private final StudyQueries studies;
    private final StudyCommands commands;
    private final RequestGuard guard;

    public StudyResource(StudyQueries studies, StudyCommands commands, RequestGuard guard) {
        this.studies = studies;
        this.commands = commands;
        this.guard = guard;
    }

    @GET
    @Operation(summary = "A page of studies, newest first",
            description = "Each study with its trial counts by state and, for single-objective studies, the best"
                    + " final value. Newest first by the earliest event of each study.")
    @APIResponse(responseCode = "200", description = "The page: {page, size, total, items}",
            content = @Content(schema = @Schema(implementation = StudyPage.class)))
    @APIResponse(responseCode = "400", description = "A bad state, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<StudySummary> list(
            @Parameter(description = "Only studies in this state (any case)",
                    schema = @Schema(enumeration = {"RUNNING", "COMPLETE", "REJECTED"}))
            @QueryParam("state") String state,
            @Parameter(description = "Only studies whose name contains this text (any case)")
            @QueryParam("name") String name,
            @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 1000 (default 50)") @QueryParam("size") String size) {
        return studies.list(QueryParams.constant("state", state, StudyState.class),
                name == null || name.isBlank() ? null : name.trim(),
                QueryParams.integer("page", page, 0, 0, Integer.MAX_VALUE),
                QueryParams.integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
    }

    @GET
    @Path("/{studyId}")
    @Operation(summary = "One study",
            description = "Its spec, state, trial counts by state, best trial (single-objective studies),"
                    + " best trials (the Pareto front) and the null-accuracy baseline where the objective"
                    + " reports null_accuracy. Counts and best trials are kept up to date as events are stored.")
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

    @POST
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Submit a study",
            description = "Validates the spec (JSON or YAML, the format of hpo run) and publishes StudySubmitted"
                    + " to the study-commands topic, key studyId, exactly as hpo submit does. The sampler then"
                    + " accepts or rejects it: watch the study at the URL in Location. Needs the API token when"
                    + " one is configured.")
    @SecurityRequirement(name = "apiToken")
    @RequestBody(description = "The study spec", required = true, content = {
            @Content(mediaType = YAML, examples = @ExampleObject(name = "branin", value = """
                    name: branin
                    direction: minimize
                    search_space:
                      - {name: x0, type: float, low: -5, high: 10}
                      - {name: x1, type: float, low: 0, high: 15}
                    sampler: {type: tpe, seed: 7}
                    objective: {kind: synthetic, settings: {function: branin}, metric: value, max_epochs: 10}
                    budget: {n_trials: 30, parallelism: 2}
                    """)),
            @Content(mediaType = MediaType.APPLICATION_JSON)})
    @APIResponse(responseCode = "202", description = "Published: {studyId, eventId, topic, status, watch}",
            content = @Content(schema = @Schema(implementation = Submitted.class)))
    @APIResponse(responseCode = "400", description = "An invalid spec or study id; detail names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "A missing or wrong API token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The study id is already used",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "A body larger than hyperstream.results.max-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not take the command",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Submitted> submit(
            @Parameter(description = "The study id (letters, digits, '.', '_', '-'); default <name>-<6 random characters>")
            @QueryParam("studyId") String studyId,
            byte[] body) {
        StudySpec spec = readSpec(body);
        StudySubmitted command = send(() -> commands.submit(spec,
                studyId == null || studyId.isBlank() ? null : studyId.trim()));
        String watch = "/api/studies/" + command.studyId();
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                        new Submitted(command.studyId(), command.eventId(), commandsTopic(), "SUBMITTED", watch))
                .location(URI.create(watch)).build();
    }

    @POST
    @Path("/{studyId}/stop")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Ask a running study to stop",
            description = "Publishes StopStudyRequested (the command sampler-service understands) to the"
                    + " study-commands topic, key studyId: no new trial is scheduled, running trials finish,"
                    + " then the sampler completes the study. Body optional: {\"reason\": \"...\"}. Needs the API"
                    + " token when one is configured.")
    @SecurityRequirement(name = "apiToken")
    @APIResponse(responseCode = "202", description = "Published: {studyId, eventId, topic, status, watch}",
            content = @Content(schema = @Schema(implementation = Submitted.class)))
    @APIResponse(responseCode = "400", description = "A body that is not {\"reason\": text}",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "A missing or wrong API token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown study",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The study is not running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "A body larger than hyperstream.results.max-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not take the command",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Submitted> stop(@Parameter(description = "The study id") @PathParam("studyId") String studyId,
                                        byte[] body) {
        String reason = readReason(body);
        StopStudyRequested command = send(() -> commands.stop(studyId, reason));
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                new Submitted(studyId, command.eventId(), commandsTopic(), "STOP_REQUESTED",
                        "/api/studies/" + studyId)).build();
    }

    private StudySpec readSpec(byte[] body) {
        checkSize(body);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw ProblemException.badRequest("the request body must be a study spec in JSON or YAML, but it is empty");
        }
        try {
            return StudySpecReader.read(text);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid study spec: " + e.getMessage());
        }
    }

    private String readReason(byte[] body) {
        checkSize(body);
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            Map<?, ?> json = io.hyperstream.model.Json.mapper().readValue(body, Map.class);
            Object reason = json.get("reason");
            if (json.size() > 1 || (json.size() == 1 && !json.containsKey("reason"))
                    || (reason != null && !(reason instanceof String))) {
                throw ProblemException.badRequest("the body of a stop request must be {\"reason\": text} or empty,"
                        + " but got " + new String(body, StandardCharsets.UTF_8));
            }
            return (String) reason;
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("the body of a stop request must be {\"reason\": text} or empty: "
                    + e.getMessage());
        }
    }

    /** Bodies sent without Content-Length are only measured once read. */
    private void checkSize(byte[] body) {
        if (body != null && body.length > guard.maxBodyBytes()) {
            throw guard.tooLarge(body.length);
        }
    }

    private <T> T send(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (StudyCommands.Refused e) {
            throw switch (e.status()) {
                case 404 -> ProblemException.notFound(e.getMessage());
                case 409 -> ProblemException.conflict(e.getMessage());
                default -> ProblemException.badRequest(e.getMessage());
            };
        } catch (StudyCommandPublisher.CommandNotPublishedException e) {
            throw ProblemException.brokerUnavailable(e.getMessage());
        }
    }

    private String commandsTopic() {
        return commands.topic();
    }

    static ProblemException studyNotFound(String studyId) {
        return ProblemException.notFound("study '" + studyId + "' not found");
    }

    /**
     * A command published for a study.
     *
     * @param topic  the topic it was published to (key: studyId)
     * @param status {@code SUBMITTED} or {@code STOP_REQUESTED}
     * @param watch  the study's resource, where its state shows once the sampler has answered
     */
    public record Submitted(String studyId, String eventId, String topic, String status, String watch) {
    }

    /** A page of studies (for the OpenAPI description). */
    @Schema(name = "StudyPage")
    public record StudyPage(int page, int size, long total, List<StudySummary> items) {
    }
}
