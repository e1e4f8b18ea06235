package dev.gdq.api.submit;

/** What became of one valid request. */
public sealed interface Admission {

    String jobId();

    /** A new job was enqueued. */
    record Created(String jobId) implements Admission {
    }

    /** The idempotency key names an earlier job with the same request: that job. */
    record Replayed(String jobId) implements Admission {
    }

    /** The idempotency key names an earlier job with a different request. */
    record Conflict(String idempotencyKey, String jobId) implements Admission {
    }
}
