package dev.gdq.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.RealServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServices
class KafkaTransactionsTest {

    private final LocalServices services;
    private String topic;

    KafkaTransactionsTest(LocalServices services) {
        this.services = services;
    }

    @BeforeEach
    void createTopic() throws Exception {
        topic = "transactions-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void committedTransactionIsReadByReadCommittedConsumer() {
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "job-1", "first"));
            producer.send(new ProducerRecord<>(topic, "job-1", "second"));
            producer.commitTransaction();
        }

        assertThat(readCommittedUntil("second")).containsExactly("first", "second");
    }

    @Test
    void abortedTransactionIsInvisibleToReadCommittedConsumer() {
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "job-1", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "job-1", "committed"));
            producer.commitTransaction();
        }

        assertThat(readCommittedUntil("committed")).containsExactly("committed");
    }

    private KafkaProducer<String, String> transactionalProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    /** Values read with read_committed from the start of the topic, up to and including {@code last}. */
    private List<String> readCommittedUntil(String last) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.contains(last);
            });
        }
        return values;
    }
}
