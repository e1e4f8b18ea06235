package dev.gdq.infra.testing;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.ServiceSettings;
import dev.gdq.infra.bootstrap.Bootstrap;
import dev.gdq.infra.kafka.KafkaBroker;
import dev.gdq.infra.kafka.KafkaBrokerConfig;
import dev.gdq.infra.s3.S3Server;
import dev.gdq.infra.s3.S3ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The Kafka and S3 servers of one test JVM, started on first use and stopped when the JVM ends
 * (the children also exit by themselves if this JVM dies: see {@code ChildMain}).
 *
 * <p>A server named by {@code KAFKA_BOOTSTRAP_SERVERS} or {@code S3_ENDPOINT} (with {@code S3_ACCESS_KEY}
 * and {@code S3_SECRET_KEY}) is used instead of starting one. Topics and bucket are bootstrapped either way.
 *
 * <p>The addresses are also published as system properties, so that a second copy of this class in
 * another class loader of the same JVM (Quarkus tests load test resources in their own) reuses the
 * servers instead of starting a second pair.
 */
public final class SharedServices {

    private static final System.Logger LOG = System.getLogger(SharedServices.class.getName());

    private static final String PUBLISHED = "gdq.infra.shared.";

    private static Started started;

    private SharedServices() {
    }

    /** The servers of this JVM, started (and bootstrapped) by the first call. */
    public static synchronized LocalServices acquire() {
        LocalServices published = readPublished();
        if (published != null) {
            return published;
        }
        Map<String, String> environment = System.getenv();
        ServiceSettings settings = ServiceSettings.fromEnvironment(environment);
        Instant begin = Instant.now();
        started = Started.launch(environment, settings);
        LocalServices services = started.services();
        try {
            Bootstrap.run(services, settings.topics());
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        publish(services);
        Runtime.getRuntime().addShutdownHook(new Thread(SharedServices::stop, "gdq-shared-services-stop"));
        LOG.log(Level.INFO, "real services ready in {0} ms: {1}",
                Duration.between(begin, Instant.now()).toMillis(), services);
        return services;
    }

    /** Stops the servers this class started, if any; idempotent. */
    public static synchronized void stop() {
        if (started == null) {
            return;
        }
        unpublish();
        Started stopping = started;
        started = null;
        stopping.close();
    }

    private static LocalServices readPublished() {
        String kafka = System.getProperty(PUBLISHED + "kafka");
        if (kafka == null) {
            return null;
        }
        return new LocalServices(kafka, System.getProperty(PUBLISHED + "s3-endpoint"),
                System.getProperty(PUBLISHED + "s3-access-key"), System.getProperty(PUBLISHED + "s3-secret-key"),
                System.getProperty(PUBLISHED + "bucket"));
    }

    private static void publish(LocalServices services) {
        System.setProperty(PUBLISHED + "s3-endpoint", services.s3Endpoint());
        System.setProperty(PUBLISHED + "s3-access-key", services.s3AccessKey());
        System.setProperty(PUBLISHED + "s3-secret-key", services.s3SecretKey());
        System.setProperty(PUBLISHED + "bucket", services.bucket());
        System.setProperty(PUBLISHED + "kafka", services.kafkaBootstrapServers());
    }

    private static void unpublish() {
        Stream.of("kafka", "s3-endpoint", "s3-access-key", "s3-secret-key", "bucket")
                .forEach(name -> System.clearProperty(PUBLISHED + name));
    }

    /**
     * What this JVM started: either server is null when the environment names one, the directory when
     * both are named.
     */
    private record Started(LocalServices services, KafkaBroker kafka, S3Server s3, Path directory)
            implements AutoCloseable {

        /** Starts what the environment does not name; on failure their directory is kept for its logs. */
        static Started launch(Map<String, String> environment, ServiceSettings settings) {
            String externalKafka = environment.get(LocalServices.ENV_KAFKA_BOOTSTRAP_SERVERS);
            String externalS3 = environment.get(LocalServices.ENV_S3_ENDPOINT);
            Path directory = isSet(externalKafka) && isSet(externalS3) ? null : createDirectory();
            // S3Proxy starts in the background while the slower broker starts here
            CompletableFuture<S3Server> s3 = isSet(externalS3)
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> S3Server.start(
                            S3ServerConfig.onFreePort(directory.resolve("s3"))
                                    .withCredentials(settings.s3AccessKey(), settings.s3SecretKey())
                                    .withReadinessTimeout(settings.readinessTimeout())));
            KafkaBroker kafka;
            try {
                kafka = isSet(externalKafka) ? null : KafkaBroker.start(
                        KafkaBrokerConfig.onFreePorts(directory.resolve("kafka"))
                                .withReadinessTimeout(settings.readinessTimeout()));
            } catch (RuntimeException e) {
                s3.handle((server, failure) -> {
                    closeIfStarted(server);
                    return null;
                }).join();
                throw e;
            }
            S3Server server;
            try {
                server = s3.join();
            } catch (CompletionException e) {
                closeIfStarted(kafka);
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            LocalServices services = new LocalServices(
                    kafka == null ? externalKafka : kafka.bootstrapServers(),
                    server == null ? externalS3 : server.endpoint(),
                    settings.s3AccessKey(),
                    settings.s3SecretKey(),
                    settings.bucket());
            return new Started(services, kafka, server, directory);
        }

        @Override
        public void close() {
            closeIfStarted(s3);
            closeIfStarted(kafka);
            deleteRecursively(directory);
        }

        private static void closeIfStarted(AutoCloseable server) {
            if (server == null) {
                return;
            }
            try {
                server.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping " + server + " failed", e);
            }
        }

        private static boolean isSet(String value) {
            return value != null && !value.isBlank();
        }

        private static Path createDirectory() {
            try {
                return Files.createTempDirectory("gdq-services-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the test servers", e);
            }
        }

        private static void deleteRecursively(Path directory) {
            if (directory == null) {
                return;
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete " + directory, e);
            }
        }
    }
}
