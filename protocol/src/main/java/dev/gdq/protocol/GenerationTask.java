package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What a worker consumes from {@link Topics#REQUESTS}: images {@code [firstImage, firstImage + imageCount)}
 * of one job. The request is resolved: seed and tenant are set and it has passed validation.
 *
 * @param schemaVersion {@link SchemaVersion#V1}
 * @param jobId         job this task belongs to
 * @param taskIndex     0-based index of this task in the job
 * @param taskCount     number of tasks of the job
 * @param firstImage    index in the job of this task's first image
 * @param imageCount    images of this task, at least 1
 * @param request       the job's resolved request
 * @param enqueuedAt    when the api enqueued the task
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationTask(
        @JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
        @JsonProperty(value = "jobId", required = true) String jobId,
        @JsonProperty(value = "taskIndex", required = true) int taskIndex,
        @JsonProperty(value = "taskCount", required = true) int taskCount,
        @JsonProperty(value = "firstImage", required = true) int firstImage,
        @JsonProperty(value = "imageCount", required = true) int imageCount,
        @JsonProperty(value = "request", required = true) GenerationRequest request,
        Instant enqueuedAt) {

    /** The record key: spreads one job's tasks over partitions. */
    public String recordKey() {
        return jobId + "/" + taskIndex;
    }
}
