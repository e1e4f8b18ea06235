package dev.gdq.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why one line of a batch was not enqueued.
 *
 * @param line       1-based line number in the body
 * @param type       problem type of the line ({@code urn:gdq:problem:invalid-request}, ...)
 * @param title      short summary
 * @param status     the HTTP status the line would have had on its own
 * @param violations every broken rule, for an invalid line
 * @param jobId      the job already holding the line's idempotency key, on a conflict
 */
@Schema(name = "LineProblem")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LineProblem(int line, String type, String title, int status, List<FieldViolation> violations,
                          String jobId) {

    public LineProblem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** {@code problem} as the problem of line {@code line}. */
    public static LineProblem of(int line, Problem problem) {
        return new LineProblem(line, problem.type(), problem.title(), problem.status(), problem.violations(),
                problem.jobId());
    }
}
