package dev.gdq.worker.queue;

import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import java.util.List;

/** How the sampling thread finished a task: its terminal event type, and keys or error. */
record TaskOutcome(PendingTask task, JobEventType type, List<String> objectKeys, JobEvent.ErrorInfo error) {

    static TaskOutcome completed(PendingTask task, List<String> objectKeys) {
        return new TaskOutcome(task, JobEventType.COMPLETED, List.copyOf(objectKeys), null);
    }

    static TaskOutcome cancelled(PendingTask task) {
        return new TaskOutcome(task, JobEventType.CANCELLED, null,
                new JobEvent.ErrorInfo("CANCELLED", "the job was cancelled"));
    }

    static TaskOutcome failed(PendingTask task, String code, String message) {
        return new TaskOutcome(task, JobEventType.FAILED, null, new JobEvent.ErrorInfo(code, message));
    }
}
