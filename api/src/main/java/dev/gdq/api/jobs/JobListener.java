package dev.gdq.api.jobs;

/**
 * Follows one job's log. Called by the view while it holds its lock, in log order: hand off, never block.
 */
public interface JobListener {

    /** A new log entry (first the replayed ones, then live ones). */
    void onEntry(JobLogEntry entry);

    /** The job is terminal (after its last entry), or was forgotten; no entry follows. */
    void onFinished();
}
