package dev.gdq.worker.testing;

import dev.gdq.infra.LocalServices;
import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import dev.gdq.worker.service.WorkerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Talks to the real broker like the api and an event reader would: produces tasks, cancellations and raw
 * records, reads committed events and dead letters. Each test gets its own consumer group, positioned at the
 * end of the requests topic, so earlier tests' tasks are not redone.
 */
public final class QueueHarness implements AutoCloseable {

    private final LocalServices services;
    private final KafkaProducer<String, byte[]> producer;
    private final String groupId = "gdq-workers-test-" + UUID.randomUUID();

    public QueueHarness(LocalServices services) throws Exception {
        this.services = services;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        positionGroupAtEnd();
    }

    public String groupId() {
        return groupId;
    }

    public WorkerSettings settings(String workerId) {
        return settings(workerId, services.s3Endpoint());
    }

    public WorkerSettings settings(String workerId, String s3Endpoint) {
        return new WorkerSettings(workerId, services.kafkaBootstrapServers(), groupId,
                List.of(ReferenceModel.folder()), false, 16, Duration.ofMillis(200), Duration.ofMillis(200),
                Duration.ofSeconds(10), s3Endpoint, services.s3AccessKey(), services.s3SecretKey(), services.bucket(),
                LocalServices.S3_REGION, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    public static String newJobId() {
        return "job-" + UUID.randomUUID();
    }

    /** Splits a resolved request into tasks of at most {@code imagesPerTask} and produces them. */
    public List<GenerationTask> submit(String jobId, GenerationRequest request, int imagesPerTask) throws Exception {
        int images = request.imageCount();
        int count = (images + imagesPerTask - 1) / imagesPerTask;
        List<GenerationTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int first = i * imagesPerTask;
            GenerationTask task = new GenerationTask(SchemaVersion.V1, jobId, i, count, first,
                    Math.min(imagesPerTask, images - first), request, Instant.now());
            produceRaw(task.recordKey(), WireCodec.write(task));
            tasks.add(task);
        }
        return tasks;
    }

    public void produceRaw(String key, byte[] value) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REQUESTS, key, value);
        record.headers().add(Headers.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    public void cancel(String jobId) throws Exception {
        CancellationRequest cancel = new CancellationRequest(SchemaVersion.V1, jobId, Instant.now(), "test", "test");
        producer.send(new ProducerRecord<>(Topics.CANCELLATIONS, jobId, WireCodec.write(cancel))).get();
    }

    /** Every committed event of the given jobs, in topic order per job. */
    public List<JobEvent> events(java.util.Collection<String> jobIds) {
        List<JobEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.EVENTS)) {
            if (jobIds.contains(record.key())) {
                try {
                    events.add(WireCodec.read(record.value(), JobEvent.class));
                } catch (MalformedMessageException e) {
                    throw new AssertionError("a worker published an unreadable event", e);
                }
            }
        }
        return events;
    }

    public List<JobEvent> events(String jobId) {
        return events(List.of(jobId));
    }

    /** Dead letters whose key is one of {@code keys}, as maps of their headers. */
    public Map<String, Map<String, String>> deadLetters(java.util.Collection<String> keys) {
        Map<String, Map<String, String>> letters = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.REQUESTS_DLQ)) {
            if (keys.contains(record.key())) {
                Map<String, String> headers = new HashMap<>();
                for (Header h : record.headers()) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
                letters.put(record.key(), headers);
            }
        }
        return letters;
    }

    /** Offsets the worker group has committed on the requests topic. */
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        }
    }

    /** How many members of the worker group hold at least one partition of the requests topic. */
    public long membersWithPartitions() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get().members()
                    .stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private void positionGroupAtEnd() throws Exception {
        try (Admin admin = admin()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.REQUESTS)).allTopicNames().get()
                    .get(Topics.REQUESTS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.REQUESTS, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get()
                    .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, ends).all().get();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers()));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
