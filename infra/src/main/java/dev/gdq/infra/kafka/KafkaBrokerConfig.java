package dev.gdq.infra.kafka;

import dev.gdq.infra.process.ChildLifetime;
import dev.gdq.infra.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A single-node KRaft Kafka (broker and controller in one process) on loopback.
 *
 * @param directory        holds {@code server.properties}, the log directory {@code data/} and {@code kafka.log}
 * @param brokerPort       the PLAINTEXT listener clients connect to
 * @param controllerPort   the CONTROLLER listener of the KRaft quorum of one
 * @param overrides        server properties set last, over the defaults of {@link #serverProperties()}
 * @param readinessTimeout how long the broker may take to log that it started
 * @param lifetime         whether the broker ends with this JVM
 */
public record KafkaBrokerConfig(
        Path directory,
        int brokerPort,
        int controllerPort,
        Map<String, String> overrides,
        Duration readinessTimeout,
        ChildLifetime lifetime) {

    public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(60);

    /** Measured here: 4 to 6 s to start with these flags, 7 to 8 s without the last one; ~190 MiB RSS. */
    public static final List<String> JVM_OPTIONS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1");

    static final int NODE_ID = 1;

    public KafkaBrokerConfig {
        Objects.requireNonNull(directory, "directory");
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
        Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A broker tied to this JVM on the given ports. */
    public static KafkaBrokerConfig onPorts(Path directory, int brokerPort, int controllerPort) {
        return new KafkaBrokerConfig(directory, brokerPort, controllerPort, Map.of(), DEFAULT_READINESS_TIMEOUT,
                ChildLifetime.TIED_TO_PARENT);
    }

    /** A broker tied to this JVM on two ports that are free now. */
    public static KafkaBrokerConfig onFreePorts(Path directory) {
        List<Integer> ports = Ports.free(2);
        return onPorts(directory, ports.get(0), ports.get(1));
    }

    public KafkaBrokerConfig withOverride(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(overrides);
        more.put(key, value);
        return new KafkaBrokerConfig(directory, brokerPort, controllerPort, more, readinessTimeout, lifetime);
    }

    public KafkaBrokerConfig withReadinessTimeout(Duration timeout) {
        return new KafkaBrokerConfig(directory, brokerPort, controllerPort, overrides, timeout, lifetime);
    }

    public KafkaBrokerConfig withLifetime(ChildLifetime childLifetime) {
        return new KafkaBrokerConfig(directory, brokerPort, controllerPort, overrides, readinessTimeout, childLifetime);
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + brokerPort;
    }

    public Path propertiesFile() {
        return directory.resolve("server.properties");
    }

    public Path logDirectory() {
        return directory.resolve("data");
    }

    public Path logFile() {
        return directory.resolve("kafka.log");
    }

    /**
     * The broker's configuration. Keys are literals: their constants live in the broker jars, which are
     * deliberately kept off this module's classpath.
     */
    public Map<String, String> serverProperties() {
        String host = Ports.LOOPBACK;
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("node.id", Integer.toString(NODE_ID));
        properties.put("process.roles", "broker,controller");
        properties.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", logDirectory().toAbsolutePath().toString());
        // one node: every internal topic has one replica and an in-sync set of one
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // fewer partitions than the default 50: created in a fraction of the time on first use
        properties.put("offsets.topic.num.partitions", "5");
        properties.put("transaction.state.log.num.partitions", "5");
        // a group's first member starts working at once instead of after 3 s
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.putAll(overrides);
        return properties;
    }
}
