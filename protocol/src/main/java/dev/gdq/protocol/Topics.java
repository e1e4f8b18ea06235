package dev.gdq.protocol;

import java.util.List;

/** Kafka topic names of the v1 contract. */
public final class Topics {

    /** {@link GenerationTask} records, keyed by {@code jobId + "/" + taskIndex} so one job spreads over partitions. */
    public static final String REQUESTS = "generation.requests";

    /** {@link JobEvent} records, keyed by job id so one job's events stay in order. */
    public static final String EVENTS = "generation.events";

    /** {@link CancellationRequest} records, keyed by job id; compacted, read in full by every worker. */
    public static final String CANCELLATIONS = "generation.cancellations";

    /** Records of {@link #REQUESTS} that could not be processed, with {@link Headers} saying why. */
    public static final String REQUESTS_DLQ = "generation.requests.dlq";

    public static final List<String> ALL = List.of(REQUESTS, EVENTS, CANCELLATIONS, REQUESTS_DLQ);

    private Topics() {
    }
}
