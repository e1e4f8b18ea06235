package dev.gdq.api.jobs;

import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The one consumer loop of the view: reads {@link Topics#EVENTS} and {@link Topics#CANCELLATIONS} in full, from
 * the beginning, {@code read_committed}, with manual assignment (no group, no commits), and applies every record
 * to the {@link JobView}. It is caught up once its position reaches, on every partition, the end offset read when it
 * started. On a broker failure it recreates its consumer and goes on from where it was; new partitions are picked
 * up every maintenance interval, when finished jobs older than the retention are forgotten too.
 *
 * <p>The consumer lives on the loop's own thread; other threads only call {@link #close()} (which wakes it).
 */
public final class JobEventsFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobEventsFollower.class);
    static final List<String> TOPICS = List.of(Topics.EVENTS, Topics.CANCELLATIONS);

    private final Map<String, Object> consumerConfig;
    private final JobView view;
    private final Settings settings;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong malformedRecords = new AtomicLong();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String problem = "starting";

    /**
     * @param pollTimeout         poll timeout of the loop
     * @param maintenanceInterval how often to look for new partitions and forget old jobs
     * @param retention           finished jobs are forgotten this long after they finished
     * @param retryBackoff        pause before retrying after a broker failure
     */
    public record Settings(Duration pollTimeout, Duration maintenanceInterval, Duration retention,
                           Duration retryBackoff) {
    }

    /**
     * @param kafkaConfig client settings (at least {@code bootstrap.servers}); group, isolation, offsets and
     *                    deserializers are set here
     */
    public JobEventsFollower(Map<String, Object> kafkaConfig, JobView view, Settings settings, Clock clock) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "gdq-api-job-view");
        this.consumerConfig = Map.copyOf(config);
        this.view = view;
        this.settings = settings;
        this.clock = clock;
        this.thread = new Thread(this::run, "gdq-job-view");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the view holds everything that was on the topics when the loop started. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the loop thread is running (it only ends on {@link #close()}). */
    public boolean alive() {
        return thread.isAlive();
    }

    /** What keeps the view from being caught up or current, or null when all is well. */
    public String problem() {
        return problem;
    }

    /** Records that could not be read as the contract (skipped). */
    public long malformedRecords() {
        return malformedRecords.get();
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = created;
                follow(created);
            } catch (WakeupException e) {
                if (running) {
                    LOG.warn("job view loop woken unexpectedly; restarting it");
                }
            } catch (KafkaException e) {
                if (!running) {
                    break;
                }
                problem = "Kafka: " + e.getMessage();
                LOG.warnf("job view loop lost the broker (%s); retrying in %s", e.getMessage(),
                        settings.retryBackoff());
                pause();
            } catch (RuntimeException e) {
                problem = e.toString();
                LOG.errorf(e, "job view loop failed; restarting it in %s", settings.retryBackoff());
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        Set<TopicPartition> assigned = assign(kafka);
        Map<TopicPartition, Long> targets = caughtUp() ? Map.of() : kafka.endOffsets(assigned);
        Instant nextMaintenance = clock.instant().plus(settings.maintenanceInterval());
        while (running) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(settings.pollTimeout())) {
                handle(record);
            }
            for (TopicPartition partition : kafka.assignment()) {
                positions.put(partition, kafka.position(partition));
            }
            if (!caughtUp() && reached(targets)) {
                problem = null;
                caughtUp.countDown();
                LOG.infof("job view caught up: %d jobs", view.size());
            } else if (caughtUp()) {
                problem = null;
            }
            if (!clock.instant().isBefore(nextMaintenance)) {
                nextMaintenance = clock.instant().plus(settings.maintenanceInterval());
                int forgotten = view.forgetFinishedBefore(clock.instant().minus(settings.retention()));
                if (forgotten > 0) {
                    LOG.infof("job view forgot %d jobs finished more than %s ago", forgotten, settings.retention());
                }
                if (!partitionsOf(kafka).equals(kafka.assignment())) {
                    return;
                }
            }
        }
    }

    /** Assigns every partition of both topics, at the remembered position or the beginning; waits for the topics. */
    private Set<TopicPartition> assign(KafkaConsumer<String, byte[]> kafka) {
        Set<TopicPartition> partitions = partitionsOf(kafka);
        while (running && !coversEveryTopic(partitions)) {
            problem = "waiting for topics " + TOPICS;
            LOG.warnf("topics %s not found yet; retrying in %s", TOPICS, settings.retryBackoff());
            pause();
            partitions = partitionsOf(kafka);
        }
        kafka.assign(partitions);
        Set<TopicPartition> fresh = new HashSet<>();
        for (TopicPartition partition : partitions) {
            Long position = positions.get(partition);
            if (position == null) {
                fresh.add(partition);
            } else {
                kafka.seek(partition, position);
            }
        }
        kafka.seekToBeginning(fresh);
        return partitions;
    }

    private Set<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> kafka) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        return partitions;
    }

    private static boolean coversEveryTopic(Set<TopicPartition> partitions) {
        return TOPICS.stream().allMatch(topic -> partitions.stream().anyMatch(p -> p.topic().equals(topic)));
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            Long position = positions.get(target.getKey());
            if (position == null || position < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (Topics.EVENTS.equals(record.topic())) {
                view.apply(WireCodec.read(record.value(), JobEvent.class));
            } else {
                view.apply(WireCodec.read(record.value(), CancellationRequest.class));
            }
        } catch (MalformedMessageException e) {
            malformedRecords.incrementAndGet();
            LOG.warnf("skipped malformed record %s-%d@%d (key %s): %s", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
        }
    }

    /** Waits the retry backoff, or less when {@link #close()} is called meanwhile. */
    private void pause() {
        try {
            closing.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
