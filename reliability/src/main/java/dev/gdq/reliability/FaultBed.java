package dev.gdq.reliability;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.bootstrap.Bootstrap;
import dev.gdq.infra.bootstrap.TopicLayout;
import dev.gdq.infra.kafka.KafkaBroker;
import dev.gdq.infra.kafka.KafkaBrokerConfig;
import dev.gdq.infra.s3.S3Server;
import dev.gdq.infra.s3.S3ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A real Kafka broker and a real S3 server (the infra module's child JVMs) that a fault scenario can stop and start
 * again on the same ports and data directories, as an operator's restart would.
 */
public final class FaultBed implements AutoCloseable {

    private final Path directory;
    private final KafkaBrokerConfig brokerConfig;
    private final S3ServerConfig s3Config;
    private final LocalServices services;
    private KafkaBroker broker;
    private S3Server s3;

    private FaultBed(Path directory, KafkaBrokerConfig brokerConfig, S3ServerConfig s3Config) {
        this.directory = directory;
        this.brokerConfig = brokerConfig;
        this.s3Config = s3Config;
        this.services = new LocalServices(brokerConfig.bootstrapServers(), s3Config.endpoint(), s3Config.accessKey(),
                s3Config.secretKey(), LocalServices.DEFAULT_BUCKET);
    }

    /** Starts both servers (in parallel) in a new temporary directory and creates the topics and the bucket. */
    public static FaultBed start() throws IOException {
        Path directory = Files.createTempDirectory("gdq-faults-");
        FaultBed bed = new FaultBed(directory, KafkaBrokerConfig.onFreePorts(directory.resolve("kafka")),
                S3ServerConfig.onFreePort(directory.resolve("s3")));
        try {
            CompletableFuture<Void> s3 = CompletableFuture.runAsync(bed::startS3);
            bed.startBroker();
            s3.join();
            Bootstrap.run(bed.services, TopicLayout.DEFAULT);
            return bed;
        } catch (RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    public LocalServices services() {
        return services;
    }

    public Path directory() {
        return directory;
    }

    /** Starts the broker on its ports and log directory; returns when it is ready. */
    public synchronized void startBroker() {
        broker = KafkaBroker.start(brokerConfig);
    }

    /** Stops the broker: SIGTERM, a controlled shutdown. */
    public synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Stops the broker and starts it again; returns when it is ready, with the time it was away. */
    public Duration restartBroker() {
        Instant stopping = Instant.now();
        stopBroker();
        startBroker();
        return Duration.between(stopping, Instant.now());
    }

    public synchronized void startS3() {
        s3 = S3Server.start(s3Config);
    }

    public synchronized void stopS3() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }

    @Override
    public void close() {
        stopS3();
        stopBroker();
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("fault bed: cannot delete " + directory + ": " + e);
        }
    }
}
