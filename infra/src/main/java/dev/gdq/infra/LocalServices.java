package dev.gdq.infra;

import dev.gdq.infra.s3.S3Server;
import io.minio.MinioClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Kafka and S3 servers of a test run or a local run are, and how to reach them.
 *
 * @param kafkaBootstrapServers {@code host:port[,host:port...]}
 * @param s3Endpoint            e.g. {@code http://127.0.0.1:9000}
 * @param s3AccessKey           access key accepted by the S3 server
 * @param s3SecretKey           its secret
 * @param bucket                the bucket images go to
 */
public record LocalServices(
        String kafkaBootstrapServers,
        String s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String bucket) {

    /** Environment variable naming an existing Kafka to use instead of starting one. */
    public static final String ENV_KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    /** Environment variable naming an existing S3 endpoint to use instead of starting one. */
    public static final String ENV_S3_ENDPOINT = "S3_ENDPOINT";
    public static final String ENV_S3_ACCESS_KEY = "S3_ACCESS_KEY";
    public static final String ENV_S3_SECRET_KEY = "S3_SECRET_KEY";
    public static final String ENV_S3_BUCKET = "S3_BUCKET";

    public static final String DEFAULT_BUCKET = "gdq-images";

    /** Region to give S3 clients (S3Proxy accepts any; MinIO and AWS clients want one). */
    public static final String S3_REGION = S3Server.REGION;

    public LocalServices {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(s3AccessKey, "s3AccessKey");
        Objects.requireNonNull(s3SecretKey, "s3SecretKey");
        Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * A new MinIO client for the S3 server; close it when done (its OkHttp threads are not daemons, a
     * plain {@code main} must also end with {@code System.exit}).
     */
    public MinioClient newMinioClient() {
        return MinioClient.builder()
                .endpoint(s3Endpoint)
                .region(S3_REGION)
                .credentials(s3AccessKey, s3SecretKey)
                .build();
    }

    /** These addresses as the environment variables that name them, e.g. for a process started by a test. */
    public Map<String, String> asEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(ENV_KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        environment.put(ENV_S3_ENDPOINT, s3Endpoint);
        environment.put(ENV_S3_ACCESS_KEY, s3AccessKey);
        environment.put(ENV_S3_SECRET_KEY, s3SecretKey);
        environment.put(ENV_S3_BUCKET, bucket);
        return environment;
    }

    /** The secret is not printed. */
    @Override
    public String toString() {
        return "LocalServices[kafka=" + kafkaBootstrapServers + ", s3=" + s3Endpoint + ", accessKey=" + s3AccessKey
                + ", bucket=" + bucket + "]";
    }
}
