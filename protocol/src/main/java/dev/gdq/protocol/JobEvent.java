package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A step in a job's life on {@link Topics#EVENTS}, keyed by job id. Job-level events (QUEUED by the api,
 * CANCELLED of a whole job) have no task index; task-level ones do. A task has exactly one terminal event
 * (COMPLETED, FAILED or CANCELLED) for readers using {@code read_committed}.
 *
 * @param schemaVersion {@link SchemaVersion#V1}
 * @param eventId       unique id of this event
 * @param jobId         the job
 * @param type          what happened
 * @param timestamp     when it happened
 * @param tenant        owning tenant
 * @param taskIndex     the task, absent for job-level events
 * @param taskCount     tasks of the job (on QUEUED)
 * @param imageCount    images of the job (on QUEUED) or of the task (on task events)
 * @param firstImage    index of the task's first image (on task events)
 * @param workerId      worker that produced a task event
 * @param progress      on PROGRESS (and COMPLETED): how far the task is
 * @param objectKeys    on COMPLETED: the task's PNG object keys, in image order
 * @param error         on FAILED (and CANCELLED): what went wrong
 * @param labels        the request's labels, echoed
 * @param request       on QUEUED: the job's resolved request, so the job can be rebuilt from the topic alone
 * @param requestDigest on QUEUED: SHA-256 of the request as submitted, for idempotent resubmission
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEvent(
        @JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
        @JsonProperty(value = "eventId", required = true) String eventId,
        @JsonProperty(value = "jobId", required = true) String jobId,
        @JsonProperty(value = "type", required = true) JobEventType type,
        @JsonProperty(value = "timestamp", required = true) Instant timestamp,
        String tenant,
        Integer taskIndex,
        Integer taskCount,
        Integer imageCount,
        Integer firstImage,
        String workerId,
        Progress progress,
        List<String> objectKeys,
        ErrorInfo error,
        Map<String, String> labels,
        GenerationRequest request,
        String requestDigest) {

    public JobEvent {
        objectKeys = Copies.list(objectKeys);
        labels = Copies.map(labels);
    }

    /**
     * Progress of a task.
     *
     * @param imagesDone  images of the task finished
     * @param imagesTotal images of the task
     * @param step        denoising steps done in the running batch
     * @param steps       denoising steps per image
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Progress(int imagesDone, int imagesTotal, int step, int steps) {
    }

    /**
     * @param code    machine-readable code, e.g. {@code INVALID_SPEC}, {@code MODEL_NOT_FOUND}, {@code INTERNAL}
     * @param message human-readable message
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorInfo(@JsonProperty(value = "code", required = true) String code,
                            @JsonProperty(value = "message", required = true) String message) {
    }
}
