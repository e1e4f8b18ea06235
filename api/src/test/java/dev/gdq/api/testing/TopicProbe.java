package dev.gdq.api.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic as a consumer without a group: {@code read_committed} (what workers and the view see) by default,
 * or {@code read_uncommitted} to see every record written, committed or not, and the high watermark.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    public TopicProbe(String bootstrapServers) {
        this(bootstrapServers, true);
    }

    public TopicProbe(String bootstrapServers, boolean readCommitted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gdq-api-test-probe");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The end offset (committed, or the high watermark) of every partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    /**
     * Waits until at least {@code count} records after {@code from} match {@code wanted} (a commit's markers land
     * shortly after the producer's commit returns), then returns the matching ones.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, Map<TopicPartition, Long> from,
                                                             Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                             int count) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            List<ConsumerRecord<String, byte[]>> matching = readFrom(topic, from).stream().filter(wanted).toList();
            if (matching.size() >= count || Instant.now().isAfter(deadline)) {
                return matching;
            }
            consumer.poll(Duration.ofMillis(50));
        }
    }

    /** Every record of {@code topic} from {@code from} up to the end offsets as of now. */
    public List<ConsumerRecord<String, byte[]>> readFrom(String topic, Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> to = endOffsets(topic);
        consumer.assign(to.keySet());
        to.keySet().forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!reached(to)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + topic + " up to " + to);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** Every committed record of {@code topic}. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return readFrom(topic, Map.of());
    }

    private boolean reached(Map<TopicPartition, Long> to) {
        return to.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
