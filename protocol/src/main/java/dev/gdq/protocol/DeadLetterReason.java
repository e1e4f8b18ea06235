package dev.gdq.protocol;

/** Why a record went to {@link Topics#REQUESTS_DLQ}; the value of {@link Headers#DLQ_REASON}. */
public enum DeadLetterReason {
    /** The value is not JSON, or not an object. */
    NOT_JSON,
    /** The {@code schemaVersion} is missing or not one this worker reads. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** The value is JSON but does not match the record's shape (missing field, wrong type). */
    MALFORMED,
    /** The model is not served. */
    UNKNOWN_MODEL,
    /** The request breaks a sampling rule (see the scheduler's validation). */
    INVALID_SPEC
}
