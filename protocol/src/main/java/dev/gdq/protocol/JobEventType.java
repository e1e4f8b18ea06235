package dev.gdq.protocol;

/** The lifecycle of a job and of its tasks. */
public enum JobEventType {
    QUEUED,
    STARTED,
    PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
