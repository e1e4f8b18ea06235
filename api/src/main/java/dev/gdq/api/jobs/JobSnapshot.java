package dev.gdq.api.jobs;

import dev.gdq.protocol.GenerationRequest;
import java.time.Instant;
import java.util.List;

/**
 * A job as the view knows it at one moment; immutable.
 *
 * @param jobId         the job
 * @param tenant        owning tenant
 * @param state         derived state
 * @param request       the resolved request (seed, tenant, priority set)
 * @param requestDigest SHA-256 of the request as submitted (idempotency)
 * @param taskCount     tasks of the job
 * @param imageCount    images of the job
 * @param progress      how far it is
 * @param images        finished images in index order (empty when not asked for)
 * @param timings       when things happened
 * @param error         the first task failure, or null
 * @param cancelReason  reason given with the cancellation, or null
 * @param lastSequence  sequence number of the job's latest log entry (SSE {@code id})
 */
public record JobSnapshot(String jobId, String tenant, JobState state, GenerationRequest request,
                          String requestDigest, int taskCount, int imageCount, Progress progress, List<ImageRef> images,
                          Timings timings, TaskError error, String cancelReason, long lastSequence) {

    public JobSnapshot {
        images = List.copyOf(images);
    }

    /**
     * @param imagesDone     images finished, counting the running tasks' finished images
     * @param imagesTotal    images of the job
     * @param step           denoising step of the most recently reported running batch (null before any)
     * @param steps          denoising steps per image (null before any report)
     * @param tasksQueued    tasks not started
     * @param tasksRunning   tasks started, not finished
     * @param tasksCompleted tasks completed
     * @param tasksFailed    tasks failed
     * @param tasksCancelled tasks cancelled
     */
    public record Progress(int imagesDone, int imagesTotal, Integer step, Integer steps, int tasksQueued,
                           int tasksRunning, int tasksCompleted, int tasksFailed, int tasksCancelled) {
    }

    /** A finished image: its index in the job and its S3 object key. */
    public record ImageRef(int index, String objectKey) {
    }

    /**
     * @param queuedAt          when the api enqueued the job
     * @param startedAt         first task start, or null
     * @param finishedAt        when the last task finished, or null
     * @param cancelRequestedAt when a cancellation was requested, or null
     */
    public record Timings(Instant queuedAt, Instant startedAt, Instant finishedAt, Instant cancelRequestedAt) {
    }

    /** A task failure as a worker reported it. */
    public record TaskError(int taskIndex, String code, String message) {
    }
}
