package dev.gdq.reliability;

/**
 * A bulk job as the fault runs enqueue it: {@code images} images split into tasks of at most {@code imagesPerTask}.
 *
 * @param jobId         unique per run
 * @param images        images in all
 * @param imagesPerTask the api's split (16 by default)
 */
public record Job(String jobId, int images, int imagesPerTask) {

    public int taskCount() {
        return (images + imagesPerTask - 1) / imagesPerTask;
    }

    public int firstImage(int taskIndex) {
        return taskIndex * imagesPerTask;
    }

    public int imageCount(int taskIndex) {
        return Math.min(imagesPerTask, images - firstImage(taskIndex));
    }

    /** The deterministic key of image {@code index}: {@code jobs/{jobId}/{index}.png}. */
    public String imageKey(int index) {
        return "jobs/" + jobId + "/" + index + ".png";
    }

    /** The worker's per-task manifest, written after the task's images. */
    public String manifestKey(int taskIndex) {
        return "jobs/" + jobId + "/tasks/" + taskIndex + ".json";
    }
}
