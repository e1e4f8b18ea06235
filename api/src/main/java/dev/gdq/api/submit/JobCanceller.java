package dev.gdq.api.submit;

import dev.gdq.api.jobs.JobSnapshot;
import dev.gdq.api.jobs.JobState;
import dev.gdq.api.jobs.JobView;
import dev.gdq.api.kafka.QueueUnavailableException;
import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.SchemaVersion;
import java.time.Clock;
import java.time.Duration;

/**
 * Cancels a job: a {@link CancellationRequest} on the cancellations topic (workers skip the job's queued tasks and
 * stop its running ones, each with a CANCELLED event), applied to the view at once so the job reads CANCELLING.
 * Cancelling a job that is already CANCELLING or CANCELLED changes nothing; a COMPLETED or FAILED job cannot be
 * cancelled (409).
 */
public final class JobCanceller {

    private final JobView view;
    private final JobQueue queue;
    private final Clock clock;

    public JobCanceller(JobView view, JobQueue queue, Clock clock) {
        this.view = view;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * @param job       the job after the call
     * @param requested false when a cancellation had already been requested
     */
    public record Cancellation(JobSnapshot job, boolean requested) {
    }

    /** @throws ProblemException 404 (no such job for the tenant), 409 (finished), 503 (queue unavailable) */
    public Cancellation cancel(String tenant, String jobId, String reason) {
        JobSnapshot job = view.find(tenant, jobId).orElseThrow(() -> new ProblemException(Problems.jobNotFound(jobId)));
        if (job.state() == JobState.COMPLETED || job.state() == JobState.FAILED) {
            throw new ProblemException(Problems.jobFinished(jobId, job.state().name()));
        }
        if (job.state() == JobState.CANCELLING || job.state() == JobState.CANCELLED) {
            return new Cancellation(job, false);
        }
        CancellationRequest cancellation = new CancellationRequest(SchemaVersion.V1, jobId, clock.instant(), tenant,
                reason);
        try {
            queue.cancel(cancellation);
        } catch (QueueUnavailableException e) {
            throw new ProblemException(Problems.unavailable("the cancellation could not be written; retry later",
                    Duration.ofSeconds(2)), e);
        }
        view.apply(cancellation);
        return new Cancellation(view.find(tenant, jobId).orElseThrow(), true);
    }
}
