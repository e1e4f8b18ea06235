/**
 * Kafka plumbing shared by the features: client settings from the {@code kafka.*} configuration
 * ({@link KafkaClients}), the pool of transactional producers that enqueue jobs atomically
 * ({@link TransactionalProducers}), and the broker health check.
 */
package dev.gdq.api.kafka;
