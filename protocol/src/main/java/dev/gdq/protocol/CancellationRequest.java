package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A request to cancel a job, on the compacted {@link Topics#CANCELLATIONS}, keyed by job id. Queued tasks of
 * the job are skipped with CANCELLED; running ones stop between steps.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancellationRequest(
        @JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
        @JsonProperty(value = "jobId", required = true) String jobId,
        @JsonProperty(value = "requestedAt", required = true) Instant requestedAt,
        String tenant,
        String reason) {
}
