package dev.gdq.reliability;

import dev.gdq.infra.LocalServices;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows one job's committed events as they arrive, to time a run and its recovery and to see which tasks are being
 * worked on; a reader on its own thread, like any client of the events topic. The figures themselves come from
 * {@link FaultChecker}, which reads the topics again from scratch.
 */
final class EventWatch implements AutoCloseable {

    private final String jobId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final ConcurrentSkipListMap<Instant, Integer> terminalArrivals = new ConcurrentSkipListMap<>();
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> ended = new HashSet<>();
    private volatile boolean running = true;

    EventWatch(LocalServices services, String jobId, Map<TopicPartition, Long> from) {
        this.jobId = jobId;
        this.consumer = TopicReader.committedConsumer(services);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(p -> new TopicPartition(Topics.EVENTS, p.partition())).toList();
        consumer.assign(partitions);
        partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
        thread = new Thread(this::follow, "event-watch-" + jobId);
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (jobId.equals(record.key())) {
                        note(record.value());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void note(byte[] value) {
        JobEvent event;
        try {
            event = WireCodec.read(value, JobEvent.class);
        } catch (MalformedMessageException e) {
            return;
        }
        if (event.taskIndex() == null) {
            return;
        }
        synchronized (this) {
            if (event.type() == JobEventType.STARTED) {
                started.add(event.taskIndex());
            } else if (event.type().isTerminal()) {
                ended.add(event.taskIndex());
                Instant now = Instant.now();
                while (terminalArrivals.putIfAbsent(now, event.taskIndex()) != null) {
                    now = now.plusNanos(1);
                }
            }
        }
    }

    /** Distinct tasks with a terminal event so far. */
    synchronized int tasksEnded() {
        return ended.size();
    }

    /** Tasks started and not ended: a batch in progress. */
    synchronized int tasksInFlight() {
        Set<Integer> open = new HashSet<>(started);
        open.removeAll(ended);
        return open.size();
    }

    /** When the first terminal event after {@code moment} arrived. */
    Optional<Instant> firstTerminalAfter(Instant moment) {
        return Optional.ofNullable(terminalArrivals.higherKey(moment));
    }

    Optional<Instant> lastTerminal() {
        return terminalArrivals.isEmpty() ? Optional.empty() : Optional.of(terminalArrivals.lastKey());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
