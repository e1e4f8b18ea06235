package dev.gdq.api.batches;

import dev.gdq.api.auth.Caller;
import dev.gdq.api.generations.JobResponse;
import dev.gdq.api.generations.JobResponses;
import dev.gdq.api.jobs.JobView;
import dev.gdq.api.openapi.Examples;
import dev.gdq.api.problem.LineProblem;
import dev.gdq.api.problem.Problem;
import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import dev.gdq.api.submit.BatchResult;
import dev.gdq.api.submit.JobSubmitter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /v1/batches}: thin; the per-line logic lives in {@link JobSubmitter#submitBatch}. */
@Path("/v1/batches")
@Tag(name = "batches")
public class BatchesResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String JSONL = "application/jsonl";

    @Inject
    Caller caller;

    @Inject
    JobSubmitter submitter;

    @Inject
    JobView view;

    @Inject
    JobResponses responses;

    @POST
    @Consumes({NDJSON, JSONL, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a batch of generation requests (JSONL)",
            description = "One generation request per line, at most gdq.api.limits.max-batch-lines lines. Each line "
                    + "is validated on its own; every valid line becomes a job (all in one Kafka transaction), every "
                    + "invalid line is reported with its line number and violations. A line's idempotencyKey works "
                    + "as for single requests.")
    @RequestBody(required = true, content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "mixed", summary = "two good lines, one unknown class",
                    value = Examples.BATCH_BODY)))
    @APIResponse(responseCode = "202", description = "at least one line became a new job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class),
            examples = @ExampleObject(name = "mixed", value = Examples.BATCH_RESPONSE)))
    @APIResponse(responseCode = "200", description = "every accepted line was an idempotent replay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation =
                    BatchResponse.class)))
    @APIResponse(responseCode = "400", description = "no line accepted (batch-rejected, with 'lines'), or an empty "
            + "body or too many lines (invalid-request)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body above gdq.api.limits.max-batch-bytes", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "no Content-Type, a range such as */*, or a type not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(byte[] body) {
        String tenant = caller.tenant();
        BatchResult result = submitter.submitBatch(tenant, body);
        List<BatchResponse.LineResult> lines = new ArrayList<>(result.lines().size());
        List<LineProblem> problems = new ArrayList<>();
        int queued = 0;
        int replayed = 0;
        for (BatchResult.LineOutcome outcome : result.lines()) {
            if (outcome instanceof BatchResult.LineOutcome.Rejected rejected) {
                problems.add(rejected.problem());
                lines.add(new BatchResponse.LineResult(outcome.line(), "rejected", null, rejected.problem()));
                continue;
            }
            String jobId;
            String status;
            if (outcome instanceof BatchResult.LineOutcome.Queued created) {
                queued++;
                jobId = created.jobId();
                status = "queued";
            } else {
                replayed++;
                jobId = ((BatchResult.LineOutcome.Replayed) outcome).jobId();
                status = "replayed";
            }
            JobResponse job = view.find(tenant, jobId).map(responses::summary).orElse(null);
            lines.add(new BatchResponse.LineResult(outcome.line(), status, job, null));
        }
        if (queued + replayed == 0) {
            throw new ProblemException(Problems.batchRejected(problems));
        }
        BatchResponse response = new BatchResponse(result.batchId(), result.lineCount(), queued, replayed,
                problems.size(), lines);
        return Response.status(queued > 0 ? Response.Status.ACCEPTED : Response.Status.OK).entity(response).build();
    }
}
