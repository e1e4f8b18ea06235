package dev.gdq.api.kafka;

import dev.gdq.api.config.ApiConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** CDI producers of the Kafka plumbing. */
public class KafkaProducers {

    private static final Logger LOG = Logger.getLogger(KafkaProducers.class);

    @Produces
    @Singleton
    KafkaClients kafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        return new KafkaClients(kafkaConfig);
    }

    @Produces
    @Singleton
    TransactionalProducers transactionalProducers(KafkaClients clients, ApiConfig config) {
        String instanceId = config.instanceId().orElseGet(() -> UUID.randomUUID().toString());
        LOG.infof("api instance %s: %d transactional producers", instanceId, config.kafka().producers());
        return new TransactionalProducers(clients, instanceId, config.kafka());
    }

    void close(@Disposes TransactionalProducers producers) {
        producers.close();
    }
}
