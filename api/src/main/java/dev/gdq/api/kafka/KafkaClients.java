package dev.gdq.api.kafka;

import dev.gdq.api.config.ApiConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings of the api's Kafka clients: every {@code kafka.*} key of the configuration (bootstrap servers,
 * security, ...) as Quarkus collects them, plus what each client needs.
 */
public final class KafkaClients {

    private final Map<String, Object> common;

    /** @param kafkaConfig the {@code kafka.*} keys without their prefix */
    public KafkaClients(Map<String, Object> kafkaConfig) {
        Map<String, Object> copy = new HashMap<>(kafkaConfig);
        copy.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (!copy.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("kafka.bootstrap.servers is not configured");
        }
        this.common = Map.copyOf(copy);
    }

    /** Common settings (bootstrap servers, security); no group id. */
    public Map<String, Object> common() {
        return common;
    }

    /** An idempotent, {@code acks=all}, transactional producer. */
    public Map<String, Object> transactionalProducer(String transactionalId, ApiConfig.Kafka settings) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(settings.deliveryTimeout().toMillis(), 30_000));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }
}
