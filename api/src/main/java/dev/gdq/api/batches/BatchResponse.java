package dev.gdq.api.batches;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gdq.api.generations.JobResponse;
import dev.gdq.api.problem.LineProblem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What became of a batch.
 *
 * @param batchId  id of the submission
 * @param lines    request lines in the body (blank lines not counted)
 * @param queued   lines that became new jobs
 * @param replayed lines whose idempotency key named an earlier job with the same request
 * @param rejected lines refused
 * @param results  one per line, in order
 */
@Schema(name = "Batch")
public record BatchResponse(String batchId, int lines, int queued, int replayed, int rejected,
                            List<LineResult> results) {

    /**
     * @param line    1-based line number
     * @param status  {@code queued}, {@code replayed} or {@code rejected}
     * @param job     the job, unless rejected
     * @param problem why it was rejected
     */
    @Schema(name = "BatchLine")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineResult(int line, String status, JobResponse job, LineProblem problem) {
    }
}
