package dev.gdq.infra.testing;

import dev.gdq.infra.LocalServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource giving a {@code @QuarkusTest} the {@link SharedServices} of its JVM:
 * {@code @WithTestResource(RealServicesResource.class)} (or {@code @QuarkusTestResource}).
 *
 * <p>Returns {@value #KAFKA_BOOTSTRAP_SERVERS}, {@value #S3_ENDPOINT}, {@value #S3_ACCESS_KEY},
 * {@value #S3_SECRET_KEY} and {@value #S3_BUCKET}. Setting {@code kafka.bootstrap.servers} also keeps
 * Quarkus from looking for a Kafka Dev Service.
 */
public final class RealServicesResource implements QuarkusTestResourceLifecycleManager {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String S3_ENDPOINT = "gdq.s3.endpoint";
    public static final String S3_ACCESS_KEY = "gdq.s3.access-key";
    public static final String S3_SECRET_KEY = "gdq.s3.secret-key";
    public static final String S3_BUCKET = "gdq.s3.bucket";

    @Override
    public Map<String, String> start() {
        return config(SharedServices.acquire());
    }

    /** Nothing: the servers are shared by every test of the JVM and stop when it ends. */
    @Override
    public void stop() {
        // the servers outlive any one Quarkus application of the test run
    }

    /** The Quarkus configuration pointing at {@code services}. */
    public static Map<String, String> config(LocalServices services) {
        return Map.of(
                KAFKA_BOOTSTRAP_SERVERS, services.kafkaBootstrapServers(),
                S3_ENDPOINT, services.s3Endpoint(),
                S3_ACCESS_KEY, services.s3AccessKey(),
                S3_SECRET_KEY, services.s3SecretKey(),
                S3_BUCKET, services.bucket());
    }
}
