package dev.gdq.api.submit;

import dev.gdq.api.kafka.QueueUnavailableException;
import dev.gdq.api.kafka.TransactionalProducers;
import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Puts jobs and cancellations on the topics. Every call is one Kafka transaction: for each job its QUEUED event
 * ({@link Topics#EVENTS}, key job id) and then its tasks ({@link Topics#REQUESTS}, key {@code jobId/taskIndex}), so
 * a {@code read_committed} reader sees a whole job or nothing of it.
 */
public final class JobQueue {

    /** Values of {@link Headers#MESSAGE_TYPE}. */
    static final String TASK_MESSAGE = Headers.TASK_MESSAGE;
    static final String EVENT_MESSAGE = Headers.EVENT_MESSAGE;
    static final String CANCELLATION_MESSAGE = Headers.CANCELLATION_MESSAGE;

    private final TransactionalProducers producers;

    public JobQueue(TransactionalProducers producers) {
        this.producers = producers;
    }

    /** @throws QueueUnavailableException when the transaction did not commit (then nothing was enqueued) */
    public void enqueue(List<NewJob> jobs) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (NewJob job : jobs) {
            records.add(record(Topics.EVENTS, job.jobId(), WireCodec.write(job.queued()), EVENT_MESSAGE, job.tenant()));
            for (GenerationTask task : job.tasks()) {
                records.add(record(Topics.REQUESTS, task.recordKey(), WireCodec.write(task), TASK_MESSAGE,
                        job.tenant()));
            }
        }
        producers.send(records);
    }

    /** @throws QueueUnavailableException when the cancellation was not written */
    public void cancel(CancellationRequest cancellation) {
        producers.send(List.of(record(Topics.CANCELLATIONS, cancellation.jobId(), WireCodec.write(cancellation),
                CANCELLATION_MESSAGE, null)));
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value, String messageType,
                                                         String tenant) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA_VERSION, Integer.toString(SchemaVersion.V1).getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.MESSAGE_TYPE, messageType.getBytes(StandardCharsets.UTF_8));
        if (tenant != null) {
            headers.add(Headers.TENANT, tenant.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }
}
