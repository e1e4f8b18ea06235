package dev.gdq.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdq.infra.ChildProcesses;
import dev.gdq.infra.ServiceSettings;
import dev.gdq.infra.kafka.KafkaBroker;
import dev.gdq.infra.process.Ports;
import dev.gdq.infra.s3.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** services.sh's commands, run in this JVM on free ports against a temporary state directory. */
class ServicesCliTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private ServicesCli cli;
    private LocalRun run;

    @AfterEach
    void stopWhateverIsLeft() {
        if (cli != null) {
            cli.run("stop");
        }
    }

    @Test
    void startIsIdempotentAndStopEndsExactlyTheDaemonsItStarted() {
        useFreePorts();

        assertThat(cli.run("start")).isZero();
        List<ProcessHandle> daemons = List.of(recorded(KafkaBroker.SERVICE), recorded(S3Server.SERVICE));
        assertThat(daemons).allMatch(ProcessHandle::isAlive);
        assertThat(cli.run("start")).as("start again").isZero();
        assertThat(List.of(recorded(KafkaBroker.SERVICE), recorded(S3Server.SERVICE))).isEqualTo(daemons);
        assertThat(printed()).contains("already running")
                .contains(run.kafka().bootstrapServers())
                .contains(run.s3().endpoint());
        assertThat(cli.run("status")).isZero();

        assertThat(cli.run("stop")).isZero();

        assertThat(daemons).noneMatch(ProcessHandle::isAlive);
        assertThat(ChildProcesses.runningIn(home)).isEmpty();
        assertThat(cli.run("status")).isEqualTo(ServicesCli.NOT_RUNNING);
    }

    @Test
    void stopLeavesAProcessWithARecycledPidAlone() throws IOException {
        useFreePorts();
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            new PidFile(stranger.pid(), stranger.toHandle().info().startInstant().orElse(Instant.EPOCH), "127.0.0.1:1")
                    .write(run.pidFile(KafkaBroker.SERVICE));

            assertThat(cli.run("stop")).isZero();

            assertThat(stranger.isAlive()).isTrue();
            assertThat(printed()).contains("was not running");
            assertThat(run.pidFile(KafkaBroker.SERVICE)).doesNotExist();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void cleanDeletesOnlyAStateDirectoryItCreated() throws IOException {
        useFreePorts();
        Files.createDirectories(run.home());
        Files.writeString(run.home().resolve("precious.txt"), "not ours");

        assertThat(cli.run("status")).isEqualTo(ServicesCli.NOT_RUNNING);
        assertThatThrownBy(() -> cli.run("clean"))
                .hasMessageContaining("not deleting " + run.home());
        assertThat(run.home().resolve("precious.txt")).exists();
    }

    private void useFreePorts() {
        List<Integer> ports = Ports.free(3);
        run = new LocalRun(home.resolve("services"), ports.get(0), ports.get(1), ports.get(2),
                ServiceSettings.fromEnvironment(Map.of()));
        cli = new ServicesCli(run, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private ProcessHandle recorded(String service) {
        return PidFile.read(run.pidFile(service)).flatMap(file -> file.liveProcess(service)).orElseThrow();
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
