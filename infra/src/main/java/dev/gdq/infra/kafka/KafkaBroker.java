package dev.gdq.infra.kafka;

import dev.gdq.infra.process.ChildClasspath;
import dev.gdq.infra.process.ChildJvm;
import dev.gdq.infra.process.ChildLifetime;
import dev.gdq.infra.process.ChildProcess;
import dev.gdq.infra.process.ConfigFile;
import dev.gdq.infra.process.LogMarker;
import dev.gdq.infra.process.Ports;
import dev.gdq.infra.process.ServiceStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode, running {@code kafka.Kafka} in a child JVM.
 *
 * <p>{@link #start} formats the log directory once ({@code kafka.tools.StorageTool format}, in a
 * short-lived child), starts the broker and returns when it has logged {@value #READY_MARKER}.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String SERVICE = "kafka-broker";

    static final String READY_MARKER = "Kafka Server started";

    private static final List<String> TOOL_JVM_OPTIONS =
            List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final KafkaBrokerConfig config;
    private final ChildProcess process;
    private final LogMarker started;

    private KafkaBroker(KafkaBrokerConfig config, ChildProcess process, LogMarker started) {
        this.config = config;
        this.process = process;
        this.started = started;
    }

    /**
     * Starts the broker and waits until it is ready.
     *
     * @throws ServiceStartException if a port is taken, formatting fails, or the broker exits or is
     *     not ready within the readiness timeout; no child is left running then
     */
    public static KafkaBroker start(KafkaBrokerConfig config) {
        return launch(config).awaitReady();
    }

    /**
     * Checks the ports, formats the log directory if needed and starts the broker process, without
     * waiting for it to be ready: for callers that record the PID first.
     */
    public static KafkaBroker launch(KafkaBrokerConfig config) {
        Ports.requireFree(SERVICE, config.brokerPort(), "Kafka broker listener");
        Ports.requireFree(SERVICE, config.controllerPort(), "Kafka controller listener");
        List<Path> classpath = ChildClasspath.of(ChildClasspath.KAFKA_BROKER);
        ConfigFile.write(SERVICE, config.propertiesFile(), config.serverProperties());
        if (!isFormatted(config)) {
            format(config, classpath);
        }
        LogMarker started = logMarker(config);
        ChildProcess broker = ChildProcess.start(new ChildJvm(SERVICE, classpath, KafkaBrokerConfig.JVM_OPTIONS,
                "kafka.Kafka", List.of(config.propertiesFile().toAbsolutePath().toString()), config.directory(),
                config.logFile(), config.lifetime()));
        return new KafkaBroker(config, broker, started);
    }

    /**
     * Waits until the broker has logged {@value #READY_MARKER}.
     *
     * @throws ServiceStartException if it exits first or takes longer than the readiness timeout; it is stopped then
     */
    public KafkaBroker awaitReady() {
        process.awaitReady(started, config.readinessTimeout());
        return this;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public KafkaBrokerConfig config() {
        return config;
    }

    public ChildProcess process() {
        return process;
    }

    /** Stops the broker (controlled shutdown), killing it if it takes longer than {@link ChildProcess#STOP_GRACE}. */
    @Override
    public void close() {
        process.stop();
    }

    private static void format(KafkaBrokerConfig config, List<Path> classpath) {
        List<String> arguments = List.of("format",
                "--cluster-id", Uuid.randomUuid().toString(),
                "--config", config.propertiesFile().toAbsolutePath().toString(),
                "--ignore-formatted");
        ChildProcess tool = ChildProcess.start(new ChildJvm(SERVICE, classpath, TOOL_JVM_OPTIONS,
                "kafka.tools.StorageTool", arguments, config.directory(), config.logFile(),
                ChildLifetime.TIED_TO_PARENT));
        tool.awaitSuccess(config.readinessTimeout());
    }

    private static boolean isFormatted(KafkaBrokerConfig config) {
        return Files.exists(config.logDirectory().resolve("meta.properties"));
    }

    private static LogMarker logMarker(KafkaBrokerConfig config) {
        try {
            return LogMarker.from(config.logFile(), READY_MARKER);
        } catch (IOException e) {
            throw new ServiceStartException(SERVICE, "cannot read " + config.logFile() + ": " + e.getMessage(), e);
        }
    }
}
