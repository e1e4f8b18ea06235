package dev.gdq.reliability;

import dev.gdq.infra.LocalServices;
import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces jobs (resolved tasks, as the api would) and poison records straight onto {@code generation.requests}, and
 * gives each run a consumer group that starts at the current end of that topic, so earlier runs are not redone.
 */
public final class Workload implements AutoCloseable {

    /** The trivial model's class names; a job takes them round-robin. */
    private static final List<String> CLASSES = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle-boot");

    private final LocalServices services;
    private final KafkaProducer<String, byte[]> producer;

    public Workload(LocalServices services) {
        this.services = services;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A new consumer group whose committed offsets are the current ends of the requests topic. */
    public String newGroupAtEnd(String name) throws ExecutionException, InterruptedException {
        String group = "gdq-faults-" + name;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                services.kafkaBootstrapServers()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.REQUESTS)).allTopicNames().get()
                    .get(Topics.REQUESTS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.REQUESTS, p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get()
                    .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
        return group;
    }

    /**
     * Enqueues {@code job} on the trivial model with {@code steps} DDIM steps and, spread evenly between its tasks,
     * {@code poison} poison records (see {@link PoisonRecords}).
     */
    public void enqueue(Job job, int steps, int poison) throws ExecutionException, InterruptedException {
        GenerationRequest request = new GenerationRequest(SchemaVersion.V1, "trivial",
                CLASSES.stream().map(ClassRef::named).toList(), null, job.images(), 20261129L,
                SamplerSpec.of("ddim", steps), null, "faults", null, null, Map.of("suite", "faults"));
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        int tasks = job.taskCount();
        int poisonSent = 0;
        for (int t = 0; t < tasks; t++) {
            GenerationTask task = new GenerationTask(SchemaVersion.V1, job.jobId(), t, tasks, job.firstImage(t),
                    job.imageCount(t), request, Instant.now());
            sent.add(send(task.recordKey(), WireCodec.write(task)));
            int poisonDue = (int) ((long) poison * (t + 1) / tasks);
            for (; poisonSent < poisonDue; poisonSent++) {
                PoisonRecords.Poison record = PoisonRecords.number(poisonSent, job.jobId(), request);
                sent.add(send(record.key(), record.value()));
            }
        }
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }
    }

    private Future<RecordMetadata> send(String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REQUESTS, key, value);
        record.headers().add(Headers.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        return producer.send(record);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
