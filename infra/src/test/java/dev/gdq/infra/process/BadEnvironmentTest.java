package dev.gdq.infra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdq.infra.ChildProcesses;
import dev.gdq.infra.kafka.KafkaBroker;
import dev.gdq.infra.kafka.KafkaBrokerConfig;
import dev.gdq.infra.s3.S3Server;
import dev.gdq.infra.s3.S3ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each failure is reported clearly, within the readiness timeout, and leaves no child process. */
class BadEnvironmentTest {

    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void takenKafkaPortIsNamedAndNothingStarts() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            KafkaBrokerConfig config = KafkaBrokerConfig.onPorts(directory, squatter.getLocalPort(), Ports.free(1).get(0));

            assertThatThrownBy(() -> KafkaBroker.start(config))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessageContaining("port " + squatter.getLocalPort())
                    .hasMessageContaining("already in use");
        }
        assertThat(ChildProcesses.runningIn(directory)).isEmpty();
    }

    @Test
    void takenS3PortIsNamedAndNothingStarts() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            S3ServerConfig config = S3ServerConfig.onPort(directory, squatter.getLocalPort());

            assertThatThrownBy(() -> S3Server.start(config))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessageContaining("port " + squatter.getLocalPort())
                    .hasMessageContaining("already in use");
        }
        assertThat(ChildProcesses.runningIn(directory)).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        // rejected when the storage is formatted
        "num.partitions, not-a-number, StorageTool failed",
        // accepted by the formatter, fatal when the broker starts
        "authorizer.class.name, com.example.NoSuchAuthorizer, exited with status",
    })
    void brokerThatCannotStartIsReportedWithItsLogAndLeavesNoChild(String key, String value, String failure) {
        KafkaBrokerConfig config = KafkaBrokerConfig.onFreePorts(directory)
                .withOverride(key, value)
                .withReadinessTimeout(READINESS_TIMEOUT);
        Instant begin = Instant.now();

        assertThatThrownBy(() -> KafkaBroker.start(config))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining(failure)
                .hasMessageContaining("Log " + config.logFile())
                .hasMessageContaining(value);
        assertThat(Duration.between(begin, Instant.now())).isLessThan(READINESS_TIMEOUT);
        assertThat(ChildProcesses.runningIn(directory)).isEmpty();
    }

    @Test
    void unwritableS3DataDirectoryIsReportedAndNothingStarts() throws IOException {
        // a directory below a regular file cannot be created, even by root
        Path file = Files.writeString(directory.resolve("not-a-directory"), "");
        S3ServerConfig config = S3ServerConfig.onFreePort(directory).withDataDirectory(file.resolve("data"));

        assertThatThrownBy(() -> S3Server.start(config))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("data directory " + file.resolve("data"))
                .hasMessageContaining("not usable");
        assertThat(ChildProcesses.runningIn(directory)).isEmpty();
    }

    @Test
    void serverNotReadyInTimeIsStoppedAndReportedWithItsLog() {
        S3ServerConfig config = S3ServerConfig.onFreePort(directory).withReadinessTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> S3Server.start(config))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("not ready within 300 ms")
                .hasMessageContaining("Log " + config.logFile());
        assertThat(ChildProcesses.runningIn(directory)).isEmpty();
    }
}
