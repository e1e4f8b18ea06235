package dev.gdq.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdq.api.testing.KafkaSettings;
import dev.gdq.api.testing.TopicProbe;
import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.SharedServices;
import dev.gdq.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Group commit of {@link TransactionalProducers} on the real broker. */
class GroupCommitTest {

    private static final String TOPIC = Topics.CANCELLATIONS;

    @Test
    void concurrentSendsShareTransactionsAndEachRecordIsWrittenExactlyOnce() throws Exception {
        LocalServices services = SharedServices.acquire();
        String run = UUID.randomUUID().toString();
        int senders = 40;
        int perTransaction = 16;
        try (TopicProbe committed = new TopicProbe(services.kafkaBootstrapServers());
             TopicProbe everything = new TopicProbe(services.kafkaBootstrapServers(), false);
             TransactionalProducers producers = new TransactionalProducers(new KafkaClients(Map.of(
                     "bootstrap.servers", services.kafkaBootstrapServers())), "group-commit-" + run,
                     new KafkaSettings(1, perTransaction, Duration.ofSeconds(10)))) {
            Map<TopicPartition, Long> from = committed.endOffsets(TOPIC);
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String key = run + "/" + i;
                sends.add(pool.submit(() -> {
                    go.await();
                    producers.send(List.of(record(key + "/a"), record(key + "/b")));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> send : sends) {
                send.get();
            }
            pool.shutdown();

            // every send returned normally, so its transaction committed: its records are there, once each
            List<String> keys = committed.awaitRecords(TOPIC, from, r -> r.key().startsWith(run), 2 * senders)
                    .stream().map(ConsumerRecord::key).toList();
            assertThat(keys).hasSize(2 * senders).doesNotHaveDuplicates();
            Map<String, Long> written = everything.readFrom(TOPIC, from).stream().map(ConsumerRecord::key)
                    .filter(k -> k.startsWith(run)).collect(Collectors.groupingBy(Function.identity(),
                            Collectors.counting()));
            assertThat(written).hasSize(2 * senders).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
            // the senders waited while the first transaction initialised: the rest went in shared transactions,
            // none larger than the bound
            assertThat(producers.committedTransactions())
                    .isLessThan(senders)
                    .isGreaterThanOrEqualTo((senders + perTransaction - 1) / perTransaction);
        }
    }

    @Test
    void everySenderOfAFailedTransactionIsToldNothingWasEnqueued() throws Exception {
        // no broker on this port: the transaction cannot even start, and every waiting sender must hear so
        try (TransactionalProducers producers = new TransactionalProducers(new KafkaClients(Map.of(
                "bootstrap.servers", "127.0.0.1:1")), "group-commit-failure",
                new KafkaSettings(1, 16, Duration.ofSeconds(1)))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String key = "failed/" + i;
                sends.add(pool.submit(() -> {
                    producers.send(List.of(record(key)));
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                assertThatThrownBy(send::get).hasCauseInstanceOf(QueueUnavailableException.class);
            }
            pool.shutdown();
            assertThat(producers.committedTransactions()).isZero();
        }
    }

    private static ProducerRecord<String, byte[]> record(String key) {
        return new ProducerRecord<>(TOPIC, key, ("{\"test\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
