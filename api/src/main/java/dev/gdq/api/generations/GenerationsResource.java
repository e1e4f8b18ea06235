package dev.gdq.api.generations;

import dev.gdq.api.auth.Caller;
import dev.gdq.api.config.ApiConfig;
import dev.gdq.api.jobs.JobPage;
import dev.gdq.api.jobs.JobState;
import dev.gdq.api.jobs.JobView;
import dev.gdq.api.openapi.Examples;
import dev.gdq.api.problem.Problem;
import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import dev.gdq.api.submit.JobCanceller;
import dev.gdq.api.submit.JobSubmitter;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.scheduler.plan.Rule;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/generations}: thin; validation and logic live in the submit and jobs packages. */
@Path(JobResponses.BASE_PATH)
@Tag(name = "generations")
public class GenerationsResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    static final String CANCEL_REASON = "user request";
    /** Java's number parsing takes any Unicode digit (full-width '１０' is 10): parameters are ASCII only. */
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern ASCII_NAME = Pattern.compile("[A-Za-z_]+");

    @Inject
    Caller caller;

    @Inject
    JobSubmitter submitter;

    @Inject
    JobCanceller canceller;

    @Inject
    JobView view;

    @Inject
    JobResponses responses;

    @Inject
    JobEventStream stream;

    @Inject
    ApiConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a generation request",
            description = "Validates the request (every violation is reported with its field), resolves it (tenant "
                    + "from the API key, a seed when absent, priority 5 when absent), splits it into tasks of at most "
                    + "the worker batch size and enqueues the job in one Kafka transaction. With an Idempotency-Key "
                    + "(header or body field), the same key and request return the earlier job (200); the same key "
                    + "with another request is 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GenerationRequest.class),
            examples = {@ExampleObject(name = "cfg-linear", summary = "classifier-free guidance, linear schedule",
                    value = Examples.GENERATION_REQUEST),
                @ExampleObject(name = "both-guidances", summary = "interval CFG and classifier guidance together",
                        value = Examples.GENERATION_REQUEST_BOTH_GUIDANCES)}))
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, description = "client key: the same key and request "
            + "give the same job; 1 to 255 visible ASCII characters")
    @APIResponse(responseCode = "202", description = "enqueued",
            headers = @Header(name = "Location", description = "the job", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation =
                    JobResponse.class), examples = @ExampleObject(name = "queued", value = Examples.JOB_QUEUED)))
    @APIResponse(responseCode = "200", description = "idempotent replay: the earlier job of this key and request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation =
                    JobResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid request: every violation with its field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = Examples.INVALID_REQUEST)))
    @APIResponse(responseCode = "401", description = "no known API key", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = Examples.UNAUTHORIZED)))
    @APIResponse(responseCode = "409", description = "idempotency key used with another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "conflict", value = Examples.IDEMPOTENCY_CONFLICT)))
    @APIResponse(responseCode = "413", description = "body above gdq.api.limits.max-request-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "no Content-Type, a range such as */*, or a type not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "queue or job view unavailable; nothing was enqueued",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(byte[] body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        JobSubmitter.Submission submission = submitter.submit(caller.tenant(), body,
                Optional.ofNullable(idempotencyKey));
        JobResponse job = responses.full(submission.job());
        return Response.status(submission.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .location(URI.create(job.links().self()))
                .header(IDEMPOTENT_REPLAYED, Boolean.toString(!submission.created()))
                .entity(job)
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the caller's jobs", description = "Newest first, paged with an opaque cursor; "
            + "optionally only jobs in the given states (comma-separated or repeated).")
    @APIResponse(responseCode = "200", description = "a page of jobs", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobList.class),
            examples = @ExampleObject(name = "page", value = Examples.JOB_LIST)))
    @APIResponse(responseCode = "400", description = "unknown state, bad cursor or limit", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobList list(
            @Parameter(description = "QUEUED, RUNNING, CANCELLING, COMPLETED, FAILED, CANCELLED")
            @QueryParam("state") List<String> states,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "page size, 1 to gdq.api.limits.max-page-size (default 20)")
            @QueryParam("limit") String limit) {
        Set<JobState> wanted = parseStates(states);
        int size = parseLimit(limit);
        String after = cursor == null || cursor.isBlank() ? null : JobCursor.decode(cursor);
        JobPage page = view.list(caller.tenant(), wanted, after, size);
        return new JobList(page.jobs().stream().map(responses::summary).toList(),
                page.lastJobId() == null ? null : JobCursor.encode(page.lastJobId()));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a job", description = "State, progress (images done of total, current step), every "
            + "finished image with a presigned GET URL (valid for gdq.api.result-url-expiry), timings and error.")
    @APIResponse(responseCode = "200", description = "the job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class),
            examples = @ExampleObject(name = "completed", value = Examples.JOB_COMPLETED)))
    @APIResponse(responseCode = "404", description = "no such job for this API key", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "not-found", value = Examples.NOT_FOUND)))
    public JobResponse get(@PathParam("id") String id) {
        return view.find(caller.tenant(), id).map(responses::full)
                .orElseThrow(() -> new ProblemException(Problems.jobNotFound(id)));
    }

    @POST
    @Path("{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a job", description = "Writes a cancellation; workers skip the job's queued tasks "
            + "and stop its running ones between steps. The job is CANCELLING until every task has finished, then "
            + "CANCELLED (results of tasks that completed stay available). Cancelling a CANCELLING or CANCELLED job "
            + "changes nothing (200); a COMPLETED or FAILED job cannot be cancelled (409).")
    @APIResponse(responseCode = "202", description = "cancellation requested", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class),
            examples = @ExampleObject(name = "cancelling", value = Examples.CANCEL_ACCEPTED)))
    @APIResponse(responseCode = "200", description = "already cancelling or cancelled; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation =
                    JobResponse.class)))
    @APIResponse(responseCode = "404", description = "no such job for this API key", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the job has already finished", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "finished", value = Examples.JOB_FINISHED)))
    public Response cancel(@PathParam("id") String id) {
        JobCanceller.Cancellation cancellation = canceller.cancel(caller.tenant(), id, CANCEL_REASON);
        return Response.status(cancellation.requested() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(responses.full(cancellation.job()))
                .build();
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow a job as Server-Sent Events", description = "Replays the job's events so far, then "
            + "streams new ones, and ends after the job reaches a terminal state with one final 'job' event. Names: "
            + "queued, started, progress, completed, failed, cancelled (data: the JobEvent of generation.events), "
            + "cancel-requested, state (data: {jobId, state, previous, at}), job (data: the job). Send Last-Event-ID "
            + "to resume after an event.")
    @Parameter(name = "Last-Event-ID", in = ParameterIn.HEADER, description = "resume after this event id")
    @APIResponse(responseCode = "200", description = "the event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "stream",
            value = Examples.EVENT_STREAM)))
    @APIResponse(responseCode = "404", description = "no such job for this API key", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Context Sse sse) {
        return stream.follow(caller.tenant(), id, parseLastEventId(lastEventId), sse);
    }

    private static Set<JobState> parseStates(List<String> states) {
        Set<JobState> wanted = EnumSet.noneOf(JobState.class);
        if (states == null) {
            return wanted;
        }
        for (String parameter : states) {
            for (String name : parameter.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                String upper = name.strip().toUpperCase(Locale.ROOT);
                Optional<JobState> state = Arrays.stream(JobState.values()).filter(s -> s.name().equals(upper))
                        .findFirst();
                if (state.isEmpty() || !ASCII_NAME.matcher(name.strip()).matches()) {
                    throw new ProblemException(Problems.invalidParameter("state", Rule.UNKNOWN.name(),
                            "state: unknown state '" + name.strip() + "'; one of " + List.of(JobState.values())));
                }
                wanted.add(state.get());
            }
        }
        return wanted;
    }

    private int parseLimit(String limit) {
        int max = config.limits().maxPageSize();
        if (limit == null || limit.isBlank()) {
            return Math.min(config.limits().defaultPageSize(), max);
        }
        String digits = limit.strip();
        if (ASCII_DIGITS.matcher(digits).matches() && digits.length() <= 9) {
            int size = Integer.parseInt(digits);
            if (size >= 1 && size <= max) {
                return size;
            }
        }
        throw new ProblemException(Problems.invalidParameter("limit", Rule.OUT_OF_RANGE.name(),
                "limit: an integer in 1.." + max + ", was '" + limit + "'"));
    }

    private static long parseLastEventId(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1;
        }
        String digits = lastEventId.strip();
        if (ASCII_DIGITS.matcher(digits).matches() && digits.length() <= 18) {
            return Long.parseLong(digits);
        }
        throw new ProblemException(Problems.invalidParameter("Last-Event-ID", Rule.OUT_OF_RANGE.name(),
                "Last-Event-ID: an event id of this stream (an integer), was '" + lastEventId + "'"));
    }
}
