package dev.gdq.worker.queue;

import dev.gdq.protocol.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code generation.cancellations} in full, from the beginning, on its own thread and consumer (every
 * worker reads every partition; no group). The set of cancelled job ids is read by the consumer loop and the
 * sampling thread. A record with a null value (a tombstone) withdraws a cancellation.
 */
public final class CancellationTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CancellationTracker.class);

    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public CancellationTracker(Map<String, Object> kafkaConfig, String workerId) {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, workerId + "-cancellations");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, workerId + "-cancellations");
        this.thread.setDaemon(true);
    }

    public void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CANCELLATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
    }

    public boolean isCancelled(String jobId) {
        return cancelled.contains(jobId);
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        cancelled.remove(record.key());
                    } else {
                        cancelled.add(record.key());
                        LOG.info("job {} cancelled", record.key());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("cancellation follower stopped", e);
        } finally {
            Utils.closeQuietly(() -> consumer.close(Duration.ofSeconds(1)), "cancellation consumer");
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(5_000);
        } else if (thread.getState() == Thread.State.NEW) {
            Utils.closeQuietly(() -> consumer.close(Duration.ZERO), "cancellation consumer");
        }
    }
}
