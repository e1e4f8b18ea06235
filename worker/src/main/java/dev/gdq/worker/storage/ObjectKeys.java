package dev.gdq.worker.storage;

/**
 * The worker's entry to the contract's object keys ({@link dev.gdq.protocol.ObjectKeys}), which refuse any job id
 * or index that could read as a path.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String image(String jobId, long imageIndex) {
        return dev.gdq.protocol.ObjectKeys.image(jobId, imageIndex);
    }

    /** The manifest of one task: written after its images, so its presence means the task's images are all stored. */
    public static String taskManifest(String jobId, int taskIndex) {
        return dev.gdq.protocol.ObjectKeys.taskManifest(jobId, taskIndex);
    }
}
