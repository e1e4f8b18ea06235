package dev.gdq.infra;

import dev.gdq.infra.bootstrap.TopicLayout;
import dev.gdq.infra.s3.S3ServerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings shared by the test servers and {@code services.sh}, each overridable by an environment variable.
 *
 * @param readinessTimeout how long each server may take to become ready ({@value #ENV_READINESS_TIMEOUT_SECONDS})
 * @param s3AccessKey      access key of a started S3 server, or of the one named by {@code S3_ENDPOINT}
 * @param s3SecretKey      its secret
 * @param bucket           the image bucket
 * @param topics           partition counts
 */
public record ServiceSettings(Duration readinessTimeout, String s3AccessKey, String s3SecretKey, String bucket,
                              TopicLayout topics) {

    public static final String ENV_READINESS_TIMEOUT_SECONDS = "GDQ_READINESS_TIMEOUT_SECONDS";
    public static final String ENV_REQUESTS_PARTITIONS = "GDQ_REQUESTS_PARTITIONS";
    public static final String ENV_EVENTS_PARTITIONS = "GDQ_EVENTS_PARTITIONS";
    public static final String ENV_CANCELLATIONS_PARTITIONS = "GDQ_CANCELLATIONS_PARTITIONS";
    public static final String ENV_DLQ_PARTITIONS = "GDQ_DLQ_PARTITIONS";

    public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(60);

    public ServiceSettings {
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
        Objects.requireNonNull(s3AccessKey, "s3AccessKey");
        Objects.requireNonNull(s3SecretKey, "s3SecretKey");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(topics, "topics");
    }

    public static ServiceSettings fromEnvironment(Map<String, String> environment) {
        return new ServiceSettings(
                Duration.ofSeconds(number(environment, ENV_READINESS_TIMEOUT_SECONDS, DEFAULT_READINESS_TIMEOUT.toSeconds())),
                environment.getOrDefault(LocalServices.ENV_S3_ACCESS_KEY, S3ServerConfig.DEFAULT_ACCESS_KEY),
                environment.getOrDefault(LocalServices.ENV_S3_SECRET_KEY, S3ServerConfig.DEFAULT_SECRET_KEY),
                environment.getOrDefault(LocalServices.ENV_S3_BUCKET, LocalServices.DEFAULT_BUCKET),
                topicLayout(environment));
    }

    /** {@link TopicLayout#DEFAULT}, each count overridable by its {@code GDQ_*_PARTITIONS} variable. */
    public static TopicLayout topicLayout(Map<String, String> environment) {
        TopicLayout defaults = TopicLayout.DEFAULT;
        return new TopicLayout(
                Math.toIntExact(number(environment, ENV_REQUESTS_PARTITIONS, defaults.requestsPartitions())),
                Math.toIntExact(number(environment, ENV_EVENTS_PARTITIONS, defaults.eventsPartitions())),
                Math.toIntExact(number(environment, ENV_CANCELLATIONS_PARTITIONS, defaults.cancellationsPartitions())),
                Math.toIntExact(number(environment, ENV_DLQ_PARTITIONS, defaults.deadLetterPartitions())));
    }

    /** A whole number from {@code variable}, or {@code fallback} when it is unset. */
    public static long number(Map<String, String> environment, String variable, long fallback) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, got '" + value + "'", e);
        }
    }
}
