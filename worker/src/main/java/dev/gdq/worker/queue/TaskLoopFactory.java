package dev.gdq.worker.queue;

import dev.gdq.protocol.ModelManifest;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.service.WorkerMetrics;
import dev.gdq.worker.service.WorkerSettings;
import dev.gdq.worker.storage.Backoff;
import dev.gdq.worker.storage.ImageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Kafka clients, the sampling thread and the task loop of a worker, and runs the loop on its thread. */
public final class TaskLoopFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TaskLoopFactory.class);
    private static final Duration OUTBOX_FLUSH_INTERVAL = Duration.ofMillis(250);
    /**
     * Longest a producer call blocks before the loop sees a timeout: the loop retries a timed-out commit or abort
     * as it is (see {@link TaskConsumerLoop}), logging each attempt, so a broker outage shows in the log every
     * 10 s rather than once a minute.
     */
    static final Duration PRODUCER_MAX_BLOCK = Duration.ofSeconds(10);

    private TaskLoopFactory() {
    }

    /** A started loop with its threads. */
    public static final class RunningLoop {
        private final TaskConsumerLoop loop;
        private final Thread thread;
        private final AtomicBoolean running;
        private final ExecutorService samplingThread;
        private final ExecutorService uploads;
        private final CancellationTracker cancellations;

        private RunningLoop(TaskConsumerLoop loop, Thread thread, AtomicBoolean running, ExecutorService samplingThread,
                            ExecutorService uploads, CancellationTracker cancellations) {
            this.loop = loop;
            this.thread = thread;
            this.running = running;
            this.samplingThread = samplingThread;
            this.uploads = uploads;
            this.cancellations = cancellations;
        }

        public TaskConsumerLoop loop() {
            return loop;
        }

        public boolean isRunning() {
            return thread.isAlive();
        }

        public void await() throws InterruptedException {
            thread.join();
        }

        public void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            samplingThread.shutdownNow();
            uploads.shutdownNow();
            cancellations.close();
        }
    }

    public static RunningLoop start(WorkerSettings settings, Map<String, ServedModel> models,
                                    Map<String, ModelManifest> manifests, SamplingPlanner planner, ImageStore store,
                                    FaultInjector faults, WorkerMetrics metrics) {
        Map<String, Object> common = new HashMap<>();
        common.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        AtomicBoolean running = new AtomicBoolean(true);
        CancellationTracker cancellations = new CancellationTracker(common, settings.workerId());
        cancellations.start();

        Map<String, ImageGenerator> generators = new LinkedHashMap<>();
        models.forEach((name, model) -> generators.put(name, new ImageGenerator(model)));
        Events events = new Events(settings.workerId(), Clock.systemUTC());
        ConcurrentLinkedQueue<ProducerRecord<String, byte[]>> outbox = new ConcurrentLinkedQueue<>();
        Backoff backoff = new Backoff(settings.storageRetryInitial(), settings.storageRetryMax(),
                (attempt, delay, failure) -> {
                    metrics.storageRetried();
                    LOG.warn("object store unavailable (attempt {}), retrying in {} ms: {}", attempt, delay.toMillis(),
                            failure.getMessage());
                });
        AtomicInteger uploadThreads = new AtomicInteger();
        ExecutorService uploads = Executors.newFixedThreadPool(settings.storageConcurrency(), r -> {
            Thread t = new Thread(r, settings.workerId() + "-upload-" + uploadThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        UnitRunner runner = new UnitRunner(generators, store, uploads, backoff, cancellations, events, outbox::add,
                settings.maxBatchImages(), settings.progressInterval(), faults, running::get, settings.workerId(),
                Clock.systemUTC(), metrics);
        ExecutorService samplingThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, settings.workerId() + "-sampling");
            t.setDaemon(true);
            return t;
        });
        TaskConsumerLoop loop = new TaskConsumerLoop(consumer(settings), producer(settings),
                new TaskIntake(manifests, planner), new BatchAssembler(settings.maxBatchImages(), settings.maxBatchWait()),
                runner, samplingThread, cancellations, events, outbox, settings.maxBatchImages(), OUTBOX_FLUSH_INTERVAL,
                running, metrics);
        Thread thread = new Thread(loop, settings.workerId() + "-tasks");
        thread.start();
        return new RunningLoop(loop, thread, running, samplingThread, uploads, cancellations);
    }

    private static KafkaConsumer<String, byte[]> consumer(WorkerSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-tasks");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> producer(WorkerSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-events");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "gdq-worker-" + settings.workerId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PRODUCER_MAX_BLOCK.toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
