package dev.gdq.worker.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What a finished task stored, written as {@code jobs/{jobId}/tasks/{taskIndex}.json} after its images.
 *
 * @param objectKeys the task's PNG keys in image order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskManifest(String jobId, int taskIndex, int firstImage, int imageCount, String model,
                           List<String> objectKeys, String workerId, Instant completedAt) {

    public TaskManifest {
        objectKeys = List.copyOf(objectKeys);
    }
}
