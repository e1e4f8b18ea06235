package dev.gdq.worker.queue;

/**
 * Points where a test can make the worker crash, to prove what survives a crash. Production uses {@link #NONE}.
 */
public interface FaultInjector {

    FaultInjector NONE = new FaultInjector() {
    };

    /** After a task's images and manifest are stored, before its COMPLETED event is committed. */
    default void afterUpload(String jobId, int taskIndex) {
    }
}
