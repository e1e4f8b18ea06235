package dev.gdq.protocol;

/** Kafka record header names of the v1 contract. Values are UTF-8 strings. */
public final class Headers {

    /** Schema version of the record value, e.g. {@code "1"}; also present as {@code schemaVersion} in the body. */
    public static final String SCHEMA_VERSION = "gdq-schema-version";

    /** Kind of record value: one of the {@code *_MESSAGE} values below. */
    public static final String MESSAGE_TYPE = "gdq-message-type";

    /** {@link #MESSAGE_TYPE} of a {@link GenerationTask}. */
    public static final String TASK_MESSAGE = "generation-task";

    /** {@link #MESSAGE_TYPE} of a {@link JobEvent}. */
    public static final String EVENT_MESSAGE = "job-event";

    /** {@link #MESSAGE_TYPE} of a {@link CancellationRequest}. */
    public static final String CANCELLATION_MESSAGE = "cancellation";

    /** Tenant that owns the job. */
    public static final String TENANT = "gdq-tenant";

    /** On a dead-lettered record: machine-readable reason, one of {@link DeadLetterReason}. */
    public static final String DLQ_REASON = "gdq-dlq-reason";

    /** On a dead-lettered record: human-readable detail naming the field and the rule. */
    public static final String DLQ_DETAIL = "gdq-dlq-detail";

    /** On a dead-lettered record: where it came from. */
    public static final String DLQ_SOURCE_TOPIC = "gdq-dlq-source-topic";
    public static final String DLQ_SOURCE_PARTITION = "gdq-dlq-source-partition";
    public static final String DLQ_SOURCE_OFFSET = "gdq-dlq-source-offset";

    /** On a dead-lettered record: id of the worker that rejected it. */
    public static final String DLQ_WORKER = "gdq-dlq-worker";

    private Headers() {
    }
}
