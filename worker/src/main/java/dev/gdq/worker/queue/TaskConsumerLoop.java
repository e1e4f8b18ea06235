package dev.gdq.worker.queue;

import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.Topics;
import dev.gdq.worker.service.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the task consumer and the transactional producer. Each turn it polls (so the group
 * never sees it as stuck, however long a batch samples: partitions are paused instead), admits records, starts
 * the next work unit on the sampling thread when it is idle (the previous unit may still be uploading), collects
 * stored units, and publishes in one transaction the outbox (STARTED, PROGRESS), the terminal events and dead
 * letters released by the {@link CompletionLedger}, and the offsets that cover them.
 */
public final class TaskConsumerLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskConsumerLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** Once the worker is stopping, how often a commit or abort that times out is tried before giving up. */
    private static final int SHUTDOWN_ATTEMPTS = 2;

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final TaskIntake intake;
    private final BatchAssembler assembler;
    private final UnitRunner runner;
    private final ExecutorService samplingThread;
    private final CancellationTracker cancellations;
    private final Events events;
    private final CompletionLedger ledger = new CompletionLedger();
    private final ConcurrentLinkedQueue<ProducerRecord<String, byte[]>> outbox;
    private final int maxBatchImages;
    private final Duration outboxFlushInterval;
    private final AtomicBoolean running;
    private final Set<TopicPartition> owned = new HashSet<>();
    private final WorkerMetrics metrics;

    /** The unit on the sampling thread; once sampled, it yields the stage that stores it. */
    private Future<CompletableFuture<List<TaskOutcome>>> sampling;
    private WorkUnit samplingUnit;
    /** Sampled units whose images and manifests are being stored, in the order they were sampled. */
    private final List<StoringUnit> storing = new ArrayList<>();
    private long lastFlushNanos;
    private volatile Throwable failure;

    TaskConsumerLoop(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer, TaskIntake intake,
                     BatchAssembler assembler, UnitRunner runner, ExecutorService samplingThread,
                     CancellationTracker cancellations, Events events,
                     ConcurrentLinkedQueue<ProducerRecord<String, byte[]>> outbox, int maxBatchImages,
                     Duration outboxFlushInterval, AtomicBoolean running, WorkerMetrics metrics) {
        this.consumer = consumer;
        this.producer = producer;
        this.intake = intake;
        this.assembler = assembler;
        this.runner = runner;
        this.samplingThread = samplingThread;
        this.cancellations = cancellations;
        this.events = events;
        this.outbox = outbox;
        this.maxBatchImages = maxBatchImages;
        this.outboxFlushInterval = outboxFlushInterval;
        this.running = running;
        this.metrics = metrics;
    }

    /** Why the loop ended abnormally, or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        boolean crashed = false;
        try {
            initTransactions();
            consumer.subscribe(List.of(Topics.REQUESTS), new Rebalance());
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : pollUnlessNudged()) {
                    admit(record);
                }
                collectFinishedUnits();
                startNextUnit();
                applyBackPressure();
                publish(false);
            }
            abandonInFlight();
            publish(true);
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (SimulatedCrash e) {
            crashed = true;
            failure = e;
            LOG.warn("simulated crash: stopping without committing", e);
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("task loop stopped", e);
        } finally {
            running.set(false);
            // A zero-grace close after a crash can fail to leave the group; that must neither escape this thread
            // as an uncaught exception nor hide why the loop ended.
            Duration grace = crashed ? Duration.ZERO : Duration.ofSeconds(5);
            Utils.closeQuietly(() -> producer.close(grace), "task producer");
            Utils.closeQuietly(() -> consumer.close(grace), "task consumer");
        }
    }

    /** Waits for the broker for as long as the worker runs: a worker may start before Kafka is back. */
    private void initTransactions() {
        untilAnswered("transactions init", producer::initTransactions, 1);
    }

    /**
     * Runs a producer call, retrying it as it is while it times out (the broker away) for as long as the worker runs;
     * once the worker is stopping, gives up after {@code attemptsOnceStopped} attempts.
     */
    private void untilAnswered(String call, Runnable producerCall, int attemptsOnceStopped) {
        for (int attempt = 1; ; attempt++) {
            try {
                producerCall.run();
                return;
            } catch (TimeoutException e) {
                if (!running.get() && attempt >= attemptsOnceStopped) {
                    throw e;
                }
                LOG.warn("{} not acknowledged yet (attempt {}), retrying: {}", call, attempt, e.toString());
            }
        }
    }

    /**
     * Polls for at most {@link #POLL_TIMEOUT}, returning early, with nothing, when a unit finishes sampling or
     * storing: otherwise a paused consumer sleeps out the whole timeout before the next unit starts or the finished
     * one commits, which bounds a worker on a fast model to about one unit per timeout.
     */
    private ConsumerRecords<String, byte[]> pollUnlessNudged() {
        try {
            return consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException nudge) {
            if (!running.get()) {
                throw nudge;
            }
            return ConsumerRecords.empty();
        }
    }

    /** Makes the loop's current or next poll return at once; safe from any thread. */
    private void nudge() {
        consumer.wakeup();
    }

    private void admit(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        ledger.track(partition, record.offset());
        TaskIntake.Verdict verdict = intake.admit(record.value());
        if (verdict instanceof TaskIntake.Rejected rejected) {
            LOG.warn("dead-lettering {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(),
                    rejected.reason(), rejected.detail());
            metrics.deadLettered(rejected.reason());
            List<ProducerRecord<String, byte[]>> outputs = new ArrayList<>();
            outputs.add(events.deadLetter(record, rejected.reason(), rejected.detail()));
            if (rejected.task() != null) {
                outputs.add(events.task(rejected.task(), JobEventType.FAILED, null, null,
                        new JobEvent.ErrorInfo(rejected.reason().name(), rejected.detail())));
            }
            ledger.resolve(partition, record.offset(), outputs);
            return;
        }
        TaskIntake.Admitted admitted = (TaskIntake.Admitted) verdict;
        PendingTask task = new PendingTask(partition, record.offset(), admitted.task(), admitted.plan(), System.nanoTime());
        if (cancellations.isCancelled(task.jobId())) {
            resolve(TaskOutcome.cancelled(task));
        } else {
            assembler.add(task);
        }
    }

    /** A sampled unit and the stage that completes when it is stored. */
    private record StoringUnit(WorkUnit unit, CompletableFuture<List<TaskOutcome>> stored) {
    }

    private void collectFinishedUnits() {
        if (sampling != null && sampling.isDone()) {
            CompletableFuture<List<TaskOutcome>> stored = finished(sampling);
            if (stored != null) {
                storing.add(new StoringUnit(samplingUnit, stored));
                stored.whenComplete((outcomes, failure) -> nudge());
            }
            sampling = null;
            samplingUnit = null;
        }
        for (Iterator<StoringUnit> it = storing.iterator(); it.hasNext(); ) {
            StoringUnit unit = it.next();
            if (unit.stored().isDone()) {
                it.remove();
                List<TaskOutcome> outcomes = finished(unit.stored());
                if (outcomes != null) {
                    outcomes.forEach(this::resolve);
                }
            }
        }
        skipCancelledWaitingTasks();
    }

    /** The result of a finished stage; null when its unit was abandoned (the worker stopping). */
    private static <T> T finished(Future<T> stage) {
        try {
            return stage.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SimulatedCrash crash) {
                throw crash;
            }
            if (e.getCause() instanceof UnitRunner.Abandoned) {
                return null;
            }
            throw new IllegalStateException("sampling or storing failed", e.getCause());
        } catch (CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private void skipCancelledWaitingTasks() {
        for (PendingTask task : assembler.waiting()) {
            if (cancellations.isCancelled(task.jobId())) {
                assembler.removeJob(task.jobId()).forEach(t -> resolve(TaskOutcome.cancelled(t)));
            }
        }
    }

    /** Starts the next unit as soon as the sampling thread is free: the previous unit may still be storing. */
    private void startNextUnit() {
        if (sampling != null) {
            return;
        }
        WorkUnit unit = assembler.next(System.nanoTime());
        if (unit != null) {
            samplingUnit = unit;
            sampling = samplingThread.submit(() -> {
                try {
                    return runner.run(unit);
                } finally {
                    nudge();
                }
            });
        }
    }

    private void resolve(TaskOutcome outcome) {
        PendingTask task = outcome.task();
        metrics.taskFinished(outcome.type());
        ledger.resolve(task.partition(), task.offset(), List.of(events.task(task.task(), outcome.type(),
                outcome.type() == JobEventType.COMPLETED
                        ? new JobEvent.Progress(task.task().imageCount(), task.task().imageCount(),
                        task.plan().sampler().stepCount(), task.plan().sampler().stepCount())
                        : null,
                outcome.objectKeys(), outcome.error())));
    }

    /** Keeps polling without fetching more than the sampler can use: pause when a batch and more are waiting. */
    private void applyBackPressure() {
        Set<TopicPartition> assigned = consumer.assignment();
        metrics.waitingImages(assembler.waitingImages());
        if (assembler.waitingImages() >= 2 * maxBatchImages) {
            consumer.pause(assigned);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** One transaction with the outbox, released outputs and offsets; the outbox alone at most every interval. */
    private void publish(boolean force) {
        CompletionLedger.Commit commit = ledger.release();
        boolean outboxDue = !outbox.isEmpty()
                && (force || System.nanoTime() - lastFlushNanos >= outboxFlushInterval.toNanos());
        if (commit.isEmpty() && !outboxDue) {
            return;
        }
        List<ProducerRecord<String, byte[]>> progress = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r; (r = outbox.poll()) != null; ) {
            progress.add(r);
        }
        try {
            producer.beginTransaction();
            progress.forEach(producer::send);
            commit.records().forEach(producer::send);
            // KIP-447: the offsets carry the group's generation, so a worker that lost the partitions meanwhile
            // cannot commit them; the whole transaction, events included, is then aborted.
            if (!commit.offsets().isEmpty()) {
                producer.sendOffsetsToTransaction(commit.offsets(), consumer.groupMetadata());
            }
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            abortAndRestore(commit, e);
            return;
        }
        commitOrAbort(commit);
    }

    /**
     * Commits the open transaction. A commit that timed out (the broker restarting, say) may still complete on the
     * broker, so it is retried as it is: aborting it or starting another transaction with the same outputs could
     * publish them twice, and the producer refuses any other call until the commit has an answer anyway.
     */
    private void commitOrAbort(CompletionLedger.Commit commit) {
        try {
            untilAnswered("commit of " + commit.records().size() + " outputs", producer::commitTransaction,
                    SHUTDOWN_ATTEMPTS);
            lastFlushNanos = System.nanoTime();
        } catch (TimeoutException | ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            abortAndRestore(commit, e);
        }
    }

    /** Aborts the open transaction, retrying an abort that timed out, then puts the outputs back for the next one. */
    private void abortAndRestore(CompletionLedger.Commit commit, KafkaException cause) {
        LOG.warn("transaction failed, will retry its {} outputs: {}", commit.records().size(), cause.toString());
        untilAnswered("abort", producer::abortTransaction, SHUTDOWN_ATTEMPTS);
        ledger.restore(commit, owned);
    }

    private void abandonInFlight() {
        if (sampling != null) {
            sampling.cancel(false);
        }
        storing.forEach(unit -> unit.stored().cancel(false));
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            owned.addAll(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            publish(true);
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        private void drop(Collection<TopicPartition> partitions) {
            owned.removeAll(partitions);
            assembler.removePartitions(partitions);
            ledger.forget(partitions);
            Stream<WorkUnit> inFlight = Stream.concat(Stream.ofNullable(samplingUnit),
                    storing.stream().map(StoringUnit::unit));
            if (inFlight.anyMatch(unit -> unit.tasks().stream().anyMatch(t -> partitions.contains(t.partition())))) {
                LOG.info("partitions {} revoked while their tasks sample or store; the new owner redoes them",
                        partitions);
            }
        }
    }
}
