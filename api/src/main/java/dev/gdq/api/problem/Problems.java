package dev.gdq.api.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The problems this api answers with; their types are documented in docs/api.md. */
public final class Problems {

    public static final String INVALID_REQUEST = "urn:gdq:problem:invalid-request";
    public static final String BATCH_REJECTED = "urn:gdq:problem:batch-rejected";
    public static final String PAYLOAD_TOO_LARGE = "urn:gdq:problem:payload-too-large";
    public static final String UNAUTHORIZED = "urn:gdq:problem:unauthorized";
    public static final String NOT_FOUND = "urn:gdq:problem:not-found";
    public static final String IDEMPOTENCY_CONFLICT = "urn:gdq:problem:idempotency-conflict";
    public static final String JOB_FINISHED = "urn:gdq:problem:job-finished";
    public static final String UNAVAILABLE = "urn:gdq:problem:unavailable";
    public static final String INTERNAL = "urn:gdq:problem:internal";
    /** Errors of HTTP itself (unsupported media type, method not allowed): no type beyond the status. */
    public static final String HTTP = "about:blank";

    private Problems() {
    }

    public static Problem invalidRequest(List<FieldViolation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " violations; see 'violations'";
        return problem(INVALID_REQUEST, "The request is invalid", 400, detail, violations, null, null, null,
                Map.of());
    }

    public static Problem invalidParameter(String parameter, String rule, String message) {
        return invalidRequest(List.of(new FieldViolation(parameter, rule, message)));
    }

    public static Problem batchRejected(List<LineProblem> lines) {
        return problem(BATCH_REJECTED, "No line of the batch was accepted", 400,
                lines.size() + " line(s) refused; see 'lines'", null, lines, null, null, Map.of());
    }

    public static Problem payloadTooLarge(long bytes, long maxBytes) {
        return problem(PAYLOAD_TOO_LARGE, "The body is too large", 413,
                "the body has " + bytes + " bytes; at most " + maxBytes + " are accepted", null, null, null, null,
                Map.of());
    }

    public static Problem unauthorized() {
        return problem(UNAUTHORIZED, "An API key is required", 401,
                "give a known API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'", null, null, null,
                null, Map.of("WWW-Authenticate", "Bearer realm=\"gdq\""));
    }

    public static Problem jobNotFound(String jobId) {
        return problem(NOT_FOUND, "No such job", 404, "no job '" + jobId + "' for this API key", null, null, jobId,
                null, Map.of());
    }

    public static Problem idempotencyConflict(String key, String jobId) {
        return problem(IDEMPOTENCY_CONFLICT, "Idempotency key already used with another request", 409,
                "Idempotency-Key '" + key + "' was used for job " + jobId
                        + " with a different request body; use a new key for a new request", null, null, jobId, null,
                Map.of());
    }

    public static Problem jobFinished(String jobId, String state) {
        return problem(JOB_FINISHED, "The job has already finished", 409,
                "job " + jobId + " is " + state + "; only unfinished jobs can be cancelled", null, null, jobId, state,
                Map.of());
    }

    public static Problem unavailable(String detail, Duration retryAfter) {
        return problem(UNAVAILABLE, "Temporarily unavailable", 503, detail, null, null, null, null,
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }

    public static Problem internal(String detail) {
        return problem(INTERNAL, "Internal error", 500, detail, null, null, null, null, Map.of());
    }

    public static Problem http(int status, String title, String detail) {
        return problem(HTTP, title, status, detail, null, null, null, null, Map.of());
    }

    private static Problem problem(String type, String title, int status, String detail,
                                   List<FieldViolation> violations, List<LineProblem> lines, String jobId,
                                   String state, Map<String, String> headers) {
        return new Problem(type, title, status, detail, null, violations, lines, jobId, state, headers);
    }
}
