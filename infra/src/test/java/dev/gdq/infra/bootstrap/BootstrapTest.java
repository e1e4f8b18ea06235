package dev.gdq.infra.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.ServiceSettings;
import dev.gdq.infra.testing.RealServices;
import dev.gdq.protocol.Topics;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The shared services were bootstrapped when they started, with the layout the environment gives. */
@RealServices
class BootstrapTest {

    private final LocalServices services;

    BootstrapTest(LocalServices services) {
        this.services = services;
    }

    @Test
    void bootstrappingAgainCreatesNothingAndSucceeds() {
        BootstrapReport again = Bootstrap.run(services, TopicLayout.DEFAULT);

        assertThat(again.topicsCreated()).isEmpty();
        assertThat(again.topicsExisting()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(again.bucketCreated()).isFalse();
    }

    @Test
    void topicsHaveTheLayoutsPartitionCounts() throws Exception {
        try (Admin admin = admin()) {
            Map<String, Integer> partitions = admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, description -> description.partitions().size()));

            TopicLayout layout = ServiceSettings.topicLayout(System.getenv());
            assertThat(partitions).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Topics.REQUESTS, layout.requestsPartitions(),
                    Topics.EVENTS, layout.eventsPartitions(),
                    Topics.CANCELLATIONS, layout.cancellationsPartitions(),
                    Topics.REQUESTS_DLQ, layout.deadLetterPartitions()));
        }
    }

    @Test
    void onlyTheCancellationsTopicIsCompacted() throws Exception {
        try (Admin admin = admin()) {
            Map<String, String> cleanupPolicies = admin.describeConfigs(Topics.ALL.stream()
                            .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList())
                    .all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().name(),
                            entry -> entry.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));

            assertThat(cleanupPolicies).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Topics.REQUESTS, TopicConfig.CLEANUP_POLICY_DELETE,
                    Topics.EVENTS, TopicConfig.CLEANUP_POLICY_DELETE,
                    Topics.CANCELLATIONS, TopicConfig.CLEANUP_POLICY_COMPACT,
                    Topics.REQUESTS_DLQ, TopicConfig.CLEANUP_POLICY_DELETE));
        }
    }

    @Test
    void missingBucketIsCreatedOnceThenLeftAlone() throws Exception {
        LocalServices otherBucket = new LocalServices(services.kafkaBootstrapServers(), services.s3Endpoint(),
                services.s3AccessKey(), services.s3SecretKey(), "bucket-" + UUID.randomUUID());

        BootstrapReport first = Bootstrap.run(otherBucket, TopicLayout.DEFAULT);
        BootstrapReport second = Bootstrap.run(otherBucket, TopicLayout.DEFAULT);

        assertThat(first.bucketCreated()).isTrue();
        assertThat(second.bucketCreated()).isFalse();
        MinioClient client = otherBucket.newMinioClient();
        try {
            assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(otherBucket.bucket()).build())).isTrue();
        } finally {
            client.close();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers()));
    }
}
