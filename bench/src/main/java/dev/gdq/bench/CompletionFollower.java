package dev.gdq.bench;

import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@link Topics#EVENTS} as a {@code read_committed} client would, from the position the topic had when this
 * follower was created, and notes when each task of the followed jobs reached its terminal event.
 */
final class CompletionFollower implements AutoCloseable {

    /** A terminal task event as seen here. */
    record Completion(String jobId, int taskIndex, JobEventType type, int images, long seenNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;

    CompletionFollower(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "gdq-bench-follower-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /**
     * Polls until the followed jobs' terminal task events cover {@code images} images, or the timeout passes.
     *
     * @return every terminal task event of the jobs, in the order seen
     */
    List<Completion> await(Collection<String> jobIds, long images, Duration timeout) {
        Set<String> followed = new HashSet<>(jobIds);
        List<Completion> completions = new ArrayList<>();
        long covered = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (covered < images && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (!followed.contains(record.key())) {
                    continue;
                }
                JobEvent event;
                try {
                    event = WireCodec.read(record.value(), JobEvent.class);
                } catch (MalformedMessageException e) {
                    throw new IllegalStateException("malformed event at " + record.topic() + "-"
                            + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e);
                }
                if (event.taskIndex() == null || !isTerminal(event.type())) {
                    continue;
                }
                int count = event.imageCount() == null ? 0 : event.imageCount();
                completions.add(new Completion(event.jobId(), event.taskIndex(), event.type(), count,
                        System.nanoTime()));
                covered += count;
            }
        }
        return completions;
    }

    private static boolean isTerminal(JobEventType type) {
        return type == JobEventType.COMPLETED || type == JobEventType.FAILED || type == JobEventType.CANCELLED;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
