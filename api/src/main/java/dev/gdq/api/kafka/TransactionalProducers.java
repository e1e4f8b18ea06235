package dev.gdq.api.kafka;

import dev.gdq.api.config.ApiConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Writes lists of records to Kafka, each list all or nothing, with group commit: {@link #send(List)} queues its
 * records and returns once the Kafka transaction holding them has committed. A small pool of transactional
 * producers ({@code gdq-api-<instance>-<n>}), each on its own committer thread, takes every write waiting at that
 * moment (at most {@code max-requests-per-transaction}) into one transaction. A lone write is committed at once; under
 * load one commit round trip serves many requests, which is what bounds the api's accept rate otherwise (one
 * transaction per request costs a broker round trip of several milliseconds per producer).
 *
 * <p>All or nothing holds per transaction: when a transaction fails, every write in it fails and none of their
 * records is visible to {@code read_committed} readers. A write that no producer took up within {@code max-block} is
 * dropped unsent and fails. A producer is created (and its transactions initialised) on first use, and again after a
 * fatal error.
 */
public final class TransactionalProducers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionalProducers.class);

    private final BlockingQueue<Write> waiting = new LinkedBlockingQueue<>();
    private final List<Committer> committers = new ArrayList<>();
    private final Duration pickupTimeout;
    private final int maxWritesPerTransaction;
    private final AtomicLong transactions = new AtomicLong();
    private volatile boolean open = true;

    public TransactionalProducers(KafkaClients clients, String instanceId, ApiConfig.Kafka settings) {
        // both counts are at least 1: the config mapping's constraints are checked at start (ApiConfig)
        this.pickupTimeout = settings.maxBlock();
        this.maxWritesPerTransaction = settings.maxRequestsPerTransaction();
        for (int n = 0; n < settings.producers(); n++) {
            String transactionalId = "gdq-api-" + instanceId + "-" + n;
            Committer committer = new Committer(new Slot(transactionalId,
                    clients.transactionalProducer(transactionalId, settings)));
            committers.add(committer);
            committer.thread.start();
        }
    }

    /**
     * Sends {@code records} in one transaction (possibly shared with other writes) and returns once it committed.
     *
     * @throws QueueUnavailableException when the transaction could not be committed (it is aborted, nothing of it is
     *                                   visible), or no producer took the write up within {@code max-block}
     */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        if (!open) {
            throw new QueueUnavailableException("the api is shutting down", null);
        }
        Write write = new Write(List.copyOf(records));
        waiting.add(write);
        write.await(pickupTimeout);
    }

    /** Transactions committed so far (each holds one or more writes). */
    public long committedTransactions() {
        return transactions.get();
    }

    @Override
    public void close() {
        open = false;
        committers.forEach(c -> c.thread.interrupt());
        for (Committer committer : committers) {
            try {
                committer.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Write left;
        while ((left = waiting.poll()) != null) {
            if (left.claim()) {
                left.outcome.completeExceptionally(new QueueUnavailableException("the api is shutting down", null));
            }
        }
        committers.forEach(c -> c.slot.close());
    }

    /** One caller's records, and what became of them. */
    private static final class Write {

        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int DROPPED = 2;

        final List<ProducerRecord<String, byte[]>> records;
        final CompletableFuture<Void> outcome = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Write(List<ProducerRecord<String, byte[]>> records) {
            this.records = records;
        }

        /** A committer takes the write; false when its caller gave up on it first. */
        boolean claim() {
            return state.compareAndSet(WAITING, TAKEN);
        }

        /**
         * Waits up to {@code pickupTimeout} for a committer to take the write; once taken, waits for its transaction,
         * however long (a commit is itself bounded by the producer's {@code max.block.ms}), so that the caller's
         * answer always tells whether the records were committed.
         */
        void await(Duration pickupTimeout) {
            boolean interrupted = false;
            try {
                try {
                    outcome.get(pickupTimeout.toNanos(), TimeUnit.NANOSECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (state.compareAndSet(WAITING, DROPPED)) {
                        throw new QueueUnavailableException("every producer is busy for more than " + pickupTimeout
                                + "; the records were not sent", null);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (state.compareAndSet(WAITING, DROPPED)) {
                        throw new QueueUnavailableException("interrupted while waiting for a producer", e);
                    }
                } catch (ExecutionException e) {
                    throw failure(e.getCause());
                }
                while (true) {
                    try {
                        outcome.get();
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw failure(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static QueueUnavailableException failure(Throwable cause) {
            return cause instanceof QueueUnavailableException unavailable ? unavailable
                    : new QueueUnavailableException("the transaction failed: " + cause, cause);
        }
    }

    /** A thread that owns one producer and commits the waiting writes in groups. */
    private final class Committer implements Runnable {

        final Slot slot;
        final Thread thread;

        Committer(Slot slot) {
            this.slot = slot;
            this.thread = new Thread(this, "kafka-committer-" + slot.transactionalId);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (open) {
                List<Write> group;
                try {
                    group = nextGroup();
                } catch (InterruptedException e) {
                    return;
                }
                if (group.isEmpty()) {
                    continue;
                }
                List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
                group.forEach(write -> records.addAll(write.records));
                try {
                    slot.sendInTransaction(records, group.size());
                    transactions.incrementAndGet();
                    group.forEach(write -> write.outcome.complete(null));
                } catch (RuntimeException e) {
                    QueueUnavailableException failure = e instanceof QueueUnavailableException unavailable
                            ? unavailable : new QueueUnavailableException("transaction on " + slot.transactionalId
                            + " failed: " + e, e);
                    group.forEach(write -> write.outcome.completeExceptionally(failure));
                }
            }
        }

        /** Blocks for the first waiting write, then takes whatever else waits, up to the bound. */
        private List<Write> nextGroup() throws InterruptedException {
            List<Write> group = new ArrayList<>();
            Write first = waiting.take();
            if (first.claim()) {
                group.add(first);
            }
            Write next;
            while (group.size() < maxWritesPerTransaction && (next = waiting.poll()) != null) {
                if (next.claim()) {
                    group.add(next);
                }
            }
            return group;
        }
    }

    /** One producer; used by its committer thread only. */
    private static final class Slot {

        private final String transactionalId;
        private final Map<String, Object> config;
        private KafkaProducer<String, byte[]> producer;

        Slot(String transactionalId, Map<String, Object> config) {
            this.transactionalId = transactionalId;
            this.config = config;
        }

        void sendInTransaction(List<ProducerRecord<String, byte[]>> records, int writes) {
            KafkaProducer<String, byte[]> current = ready();
            try {
                current.beginTransaction();
                for (ProducerRecord<String, byte[]> record : records) {
                    current.send(record);
                }
                current.commitTransaction();
            } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                     | UnsupportedVersionException e) {
                discard();
                throw new QueueUnavailableException("producer " + transactionalId + " cannot go on: " + e, e);
            } catch (KafkaException e) {
                abort();
                throw new QueueUnavailableException("transaction of " + records.size() + " records (" + writes
                        + " requests) on " + transactionalId + " failed: " + e.getMessage(), e);
            }
        }

        private KafkaProducer<String, byte[]> ready() {
            if (producer == null) {
                KafkaProducer<String, byte[]> created = new KafkaProducer<>(config, new StringSerializer(),
                        new ByteArraySerializer());
                try {
                    created.initTransactions();
                } catch (KafkaException e) {
                    created.close(Duration.ZERO);
                    throw new QueueUnavailableException("cannot initialise transactions of " + transactionalId + ": "
                            + e.getMessage(), e);
                }
                producer = created;
            }
            return producer;
        }

        private void abort() {
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                LOG.warnf("abort of a transaction of %s failed (%s); the producer is recreated", transactionalId,
                        e.getMessage());
                discard();
            }
        }

        private void discard() {
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
        }

        void close() {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }
}
