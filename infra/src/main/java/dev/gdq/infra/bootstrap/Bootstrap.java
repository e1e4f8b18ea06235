package dev.gdq.infra.bootstrap;

import dev.gdq.infra.LocalServices;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of {@link dev.gdq.protocol.Topics} and the image bucket, for tests and local
 * runs alike. Idempotent: what exists already is left as it is.
 */
public final class Bootstrap {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Bootstrap() {
    }

    /** Topics and bucket on {@code services}. */
    public static BootstrapReport run(LocalServices services, TopicLayout layout) {
        List<String> created;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.toIntExact(TIMEOUT.toMillis())))) {
            created = ensureTopics(admin, layout);
        }
        List<String> existing = layout.newTopics().stream().map(NewTopic::name).filter(t -> !created.contains(t)).toList();
        boolean bucketCreated;
        MinioClient client = services.newMinioClient();
        try {
            bucketCreated = ensureBucket(client, services.bucket());
        } finally {
            close(client);
        }
        return new BootstrapReport(created, existing, services.bucket(), bucketCreated);
    }

    /**
     * Creates the topics of {@code layout} that do not exist yet.
     *
     * @return the names of the topics created by this call
     */
    public static List<String> ensureTopics(Admin admin, TopicLayout layout) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(layout.newTopics()).values();
        List<String> created = new ArrayList<>();
        results.forEach((topic, result) -> {
            if (awaitCreation(topic, result)) {
                created.add(topic);
            }
        });
        return created;
    }

    /**
     * Creates {@code bucket} if it does not exist yet.
     *
     * @return whether this call created it
     */
    public static boolean ensureBucket(MinioClient client, String bucket) {
        try {
            if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return false;
            }
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                return false;
            }
            throw new IllegalStateException("cannot create bucket " + bucket + ": " + e.getMessage(), e);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create bucket " + bucket + ": " + e, e);
        }
    }

    private static boolean awaitCreation(String topic, KafkaFuture<Void> result) {
        try {
            result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " took longer than " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    private static void close(MinioClient client) {
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the MinIO client", e);
        }
    }
}
