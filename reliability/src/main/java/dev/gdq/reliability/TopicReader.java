package dev.gdq.reliability;

import dev.gdq.infra.LocalServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic as a {@code read_committed} consumer outside any group: only what committed transactions wrote. */
final class TopicReader {

    private final LocalServices services;

    TopicReader(LocalServices services) {
        this.services = services;
    }

    static KafkaConsumer<String, byte[]> committedConsumer(LocalServices services) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The current end (last stable offset) of each partition of {@code topic}. */
    Map<TopicPartition, Long> ends(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = committedConsumer(services)) {
            return new HashMap<>(consumer.endOffsets(partitions(consumer, topic)));
        }
    }

    /** Every committed record of {@code topic} from {@code from} (other partitions: from the start) to its end now. */
    List<ConsumerRecord<String, byte[]>> read(String topic, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = committedConsumer(services)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, from.getOrDefault(partition, 0L));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }
}
