package dev.gdq.worker.queue;

import dev.gdq.protocol.DeadLetterReason;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** Builds the records a worker publishes: task events on {@code generation.events} and dead letters. */
final class Events {

    private final String workerId;
    private final Clock clock;

    Events(String workerId, Clock clock) {
        this.workerId = workerId;
        this.clock = clock;
    }

    ProducerRecord<String, byte[]> task(GenerationTask task, JobEventType type, JobEvent.Progress progress,
                                        List<String> objectKeys, JobEvent.ErrorInfo error) {
        JobEvent event = new JobEvent(SchemaVersion.V1, UUID.randomUUID().toString(), task.jobId(), type,
                clock.instant(), task.request().tenant(), task.taskIndex(), task.taskCount(), task.imageCount(),
                task.firstImage(), workerId, progress, objectKeys, error, task.request().labels(), null, null);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, task.jobId(), WireCodec.write(event));
        header(record, Headers.SCHEMA_VERSION, String.valueOf(SchemaVersion.V1));
        header(record, Headers.MESSAGE_TYPE, Headers.EVENT_MESSAGE);
        if (task.request().tenant() != null) {
            header(record, Headers.TENANT, task.request().tenant());
        }
        return record;
    }

    ProducerRecord<String, byte[]> progress(GenerationTask task, int imagesDone, int step, int steps) {
        return task(task, JobEventType.PROGRESS, new JobEvent.Progress(imagesDone, task.imageCount(), step, steps),
                null, null);
    }

    ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> source, DeadLetterReason reason,
                                              String detail) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REQUESTS_DLQ, null, source.key(),
                source.value());
        for (Header header : source.headers()) {
            record.headers().add(header);
        }
        header(record, Headers.DLQ_REASON, reason.name());
        header(record, Headers.DLQ_DETAIL, detail);
        header(record, Headers.DLQ_SOURCE_TOPIC, source.topic());
        header(record, Headers.DLQ_SOURCE_PARTITION, String.valueOf(source.partition()));
        header(record, Headers.DLQ_SOURCE_OFFSET, String.valueOf(source.offset()));
        header(record, Headers.DLQ_WORKER, workerId);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
