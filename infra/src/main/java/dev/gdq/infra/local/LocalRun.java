package dev.gdq.infra.local;

import dev.gdq.infra.ServiceSettings;
import dev.gdq.infra.kafka.KafkaBrokerConfig;
import dev.gdq.infra.process.ChildLifetime;
import dev.gdq.infra.s3.S3ServerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@code services.sh} keeps its servers: fixed ports and a state directory (data, logs, PID files).
 *
 * @param home           the state directory ({@value #ENV_HOME}, default {@code .services})
 * @param kafkaPort      Kafka's client port ({@value #ENV_KAFKA_PORT}, default 9092)
 * @param controllerPort Kafka's controller port ({@value #ENV_KAFKA_CONTROLLER_PORT}, default 9093)
 * @param s3Port         the S3 port ({@value #ENV_S3_PORT}, default 9000)
 * @param settings       credentials, bucket, partition counts, readiness timeout
 */
public record LocalRun(Path home, int kafkaPort, int controllerPort, int s3Port, ServiceSettings settings) {

    public static final String ENV_HOME = "GDQ_SERVICES_HOME";
    public static final String ENV_KAFKA_PORT = "KAFKA_PORT";
    public static final String ENV_KAFKA_CONTROLLER_PORT = "KAFKA_CONTROLLER_PORT";
    public static final String ENV_S3_PORT = "S3_PORT";

    public LocalRun {
        home = home.toAbsolutePath().normalize();
        Objects.requireNonNull(settings, "settings");
    }

    public static LocalRun fromEnvironment(Map<String, String> environment) {
        return new LocalRun(
                Path.of(environment.getOrDefault(ENV_HOME, ".services")),
                port(environment, ENV_KAFKA_PORT, 9092),
                port(environment, ENV_KAFKA_CONTROLLER_PORT, 9093),
                port(environment, ENV_S3_PORT, 9000),
                ServiceSettings.fromEnvironment(environment));
    }

    public KafkaBrokerConfig kafka() {
        return KafkaBrokerConfig.onPorts(home.resolve("kafka"), kafkaPort, controllerPort)
                .withReadinessTimeout(settings.readinessTimeout())
                .withLifetime(ChildLifetime.DETACHED);
    }

    public S3ServerConfig s3() {
        return S3ServerConfig.onPort(home.resolve("s3"), s3Port)
                .withCredentials(settings.s3AccessKey(), settings.s3SecretKey())
                .withReadinessTimeout(settings.readinessTimeout())
                .withLifetime(ChildLifetime.DETACHED);
    }

    /** The PID file of {@code service}. */
    public Path pidFile(String service) {
        return home.resolve(service + ".pid");
    }

    /** Marks {@link #home} as ours, so that {@code clean} never deletes a directory it did not create. */
    public Path marker() {
        return home.resolve(".gdq-services");
    }

    private static int port(Map<String, String> environment, String variable, int fallback) {
        long port = ServiceSettings.number(environment, variable, fallback);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(variable + " must be a TCP port (1-65535), got " + port);
        }
        return (int) port;
    }
}
