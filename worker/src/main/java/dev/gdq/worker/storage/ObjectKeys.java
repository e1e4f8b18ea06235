package dev.gdq.worker.storage;

/** The deterministic object keys of the contract. */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String image(String jobId, long imageIndex) {
        return "jobs/" + jobId + "/" + imageIndex + ".png";
    }

    /** The manifest of one task: written after its images, so its presence means the task's images are all stored. */
    public static String taskManifest(String jobId, int taskIndex) {
        return "jobs/" + jobId + "/tasks/" + taskIndex + ".json";
    }
}
