package dev.gdq.api.kafka;

import dev.gdq.api.config.ApiConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * A small pool of transactional producers ({@code gdq-api-<instance>-<n>}): {@link #send(List)} writes a list of
 * records in one Kafka transaction, all or nothing. A producer runs one transaction at a time; a caller borrows one
 * for the length of its transaction. A producer is created (and its transactions initialised) on first use, and
 * again after a fatal error.
 */
public final class TransactionalProducers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionalProducers.class);

    private final BlockingQueue<Slot> idle;
    private final List<Slot> all = new ArrayList<>();
    private final Duration borrowTimeout;

    public TransactionalProducers(KafkaClients clients, String instanceId, ApiConfig.Kafka settings) {
        int size = Math.max(1, settings.producers());
        this.idle = new ArrayBlockingQueue<>(size);
        this.borrowTimeout = settings.maxBlock();
        for (int n = 0; n < size; n++) {
            String transactionalId = "gdq-api-" + instanceId + "-" + n;
            Slot slot = new Slot(transactionalId, clients.transactionalProducer(transactionalId, settings));
            all.add(slot);
            idle.add(slot);
        }
    }

    /**
     * Sends {@code records} in one transaction and commits it.
     *
     * @throws QueueUnavailableException when the transaction could not be committed (it is aborted)
     */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        Slot slot = borrow();
        try {
            slot.sendInTransaction(records);
        } finally {
            idle.add(slot);
        }
    }

    private Slot borrow() {
        try {
            Slot slot = idle.poll(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (slot == null) {
                throw new QueueUnavailableException("every producer is busy for more than " + borrowTimeout, null);
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailableException("interrupted while waiting for a producer", e);
        }
    }

    @Override
    public void close() {
        all.forEach(Slot::close);
    }

    /** One producer; used by one caller at a time. */
    private static final class Slot {

        private final String transactionalId;
        private final Map<String, Object> config;
        private KafkaProducer<String, byte[]> producer;

        Slot(String transactionalId, Map<String, Object> config) {
            this.transactionalId = transactionalId;
            this.config = config;
        }

        void sendInTransaction(List<ProducerRecord<String, byte[]>> records) {
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
                throw new QueueUnavailableException("transaction of " + records.size() + " records on "
                        + transactionalId + " failed: " + e.getMessage(), e);
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
