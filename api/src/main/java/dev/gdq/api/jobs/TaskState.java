package dev.gdq.api.jobs;

/** A task's state inside the view. */
enum TaskState {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
