package dev.gdq.api.jobs;

/** A job's state as the api reports it; see the package documentation for the transitions. */
public enum JobState {
    /** Enqueued; no task has started. */
    QUEUED,
    /** At least one task has started and not every task has finished. */
    RUNNING,
    /** A cancellation was requested; tasks are still finishing or being skipped by the workers. */
    CANCELLING,
    /** Every task completed. */
    COMPLETED,
    /** Every task finished and at least one failed. */
    FAILED,
    /** Every task finished, none failed, at least one was cancelled. */
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
