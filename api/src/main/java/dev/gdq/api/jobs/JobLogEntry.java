package dev.gdq.api.jobs;

import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.JobEvent;
import java.time.Instant;

/**
 * One entry of a job's log, in the order the view applied it; what the SSE stream replays and follows. Sequence
 * numbers are per job, from 0, and never reused (PROGRESS entries of finished tasks are dropped from the log, so
 * numbers may skip).
 */
public sealed interface JobLogEntry {

    long sequence();

    /** An event of the events topic. */
    record Event(long sequence, JobEvent event) implements JobLogEntry {
    }

    /** A cancellation of the cancellations topic. */
    record CancelRequested(long sequence, CancellationRequest request) implements JobLogEntry {
    }

    /** The job's derived state changed. */
    record StateChanged(long sequence, String jobId, JobState state, JobState previous, Instant at)
            implements JobLogEntry {
    }
}
