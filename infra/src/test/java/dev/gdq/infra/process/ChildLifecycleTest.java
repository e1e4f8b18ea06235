package dev.gdq.infra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gdq.infra.ChildProcesses;
import dev.gdq.infra.kafka.KafkaBroker;
import dev.gdq.infra.kafka.KafkaBrokerConfig;
import dev.gdq.infra.s3.S3Server;
import dev.gdq.infra.s3.S3ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildLifecycleTest {

    @TempDir
    Path directory;

    @Test
    void stoppedServersLeaveNoProcessBehind() {
        CompletableFuture<S3Server> s3 = CompletableFuture.supplyAsync(
                () -> S3Server.start(S3ServerConfig.onFreePort(directory.resolve("s3"))));
        KafkaBroker kafka = KafkaBroker.start(KafkaBrokerConfig.onFreePorts(directory.resolve("kafka")));
        S3Server s3Server = s3.join();
        List<ProcessHandle> children = List.of(kafka.process().handle(), s3Server.process().handle());
        assertThat(children).allMatch(ProcessHandle::isAlive);

        kafka.close();
        s3Server.close();

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants()).noneMatch(children::contains);
        assertThat(ChildProcesses.runningIn(directory)).isEmpty();
    }

    @Test
    void childExitsWhenItsParentJvmIsKilled() throws IOException {
        Process parent = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ParentJvmMain.class.getName(), directory.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long childPid = readChildPid(parent);
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();

            parent.destroyForcibly();

            await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            assertThat(ChildProcesses.runningIn(directory)).isEmpty();
        } finally {
            parent.destroyForcibly();
        }
    }

    private static long readChildPid(Process parent) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        Optional<Long> pid = Optional.empty();
        String line;
        while (pid.isEmpty() && (line = lines.readLine()) != null) {
            output.append(line).append('\n');
            if (line.startsWith(ParentJvmMain.CHILD_PID)) {
                pid = Optional.of(Long.parseLong(line.substring(ParentJvmMain.CHILD_PID.length())));
            }
        }
        return pid.orElseThrow(() -> new AssertionError("parent JVM ended without starting its child:\n" + output));
    }
}
