package dev.gdq.api.generations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gdq.api.jobs.JobSnapshot;
import dev.gdq.api.jobs.JobState;
import dev.gdq.protocol.GenerationRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job as the api shows it.
 *
 * @param id             job id ({@code job-} and a time-ordered ULID)
 * @param state          QUEUED, RUNNING, CANCELLING, COMPLETED, FAILED or CANCELLED
 * @param model          the model
 * @param imageCount     images of the job
 * @param taskCount      tasks the job was split into
 * @param seed           the job seed (picked by the api when the request had none)
 * @param priority       0..9
 * @param labels         the request's labels
 * @param idempotencyKey the idempotency key it was submitted with
 * @param progress       images done of total, current step, tasks by state
 * @param images         finished images with presigned GET URLs (in index order; absent in lists)
 * @param timings        queued, started, finished, cancellation requested
 * @param error          the first task failure
 * @param cancelReason   reason of the cancellation
 * @param request        the resolved request (only on a single job)
 * @param links          where to read, follow and cancel it
 */
@Schema(name = "Job")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobResponse(String id, JobState state, String model, int imageCount, int taskCount, Long seed,
                          Integer priority, Map<String, String> labels, String idempotencyKey,
                          JobSnapshot.Progress progress, List<Image> images, JobSnapshot.Timings timings,
                          JobSnapshot.TaskError error, String cancelReason, GenerationRequest request, Links links) {

    /** A finished image and a presigned URL to GET it. */
    @Schema(name = "Image")
    public record Image(int index, String objectKey, String url, Instant expiresAt) {
    }

    /** Paths of the job's resources. */
    @Schema(name = "JobLinks")
    public record Links(String self, String events, String cancel) {
    }
}
