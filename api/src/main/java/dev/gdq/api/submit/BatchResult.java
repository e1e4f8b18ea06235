package dev.gdq.api.submit;

import dev.gdq.api.problem.LineProblem;
import java.util.List;

/**
 * What became of every line of a batch.
 *
 * @param batchId   id of this batch (it names the submission in logs and responses; it is not stored)
 * @param lineCount non-blank lines
 * @param lines     one outcome per non-blank line, in order
 */
public record BatchResult(String batchId, int lineCount, List<LineOutcome> lines) {

    public BatchResult {
        lines = List.copyOf(lines);
    }

    /** The outcome of one line. */
    public sealed interface LineOutcome {

        int line();

        record Queued(int line, String jobId) implements LineOutcome {
        }

        record Replayed(int line, String jobId) implements LineOutcome {
        }

        record Rejected(int line, LineProblem problem) implements LineOutcome {
        }
    }
}
