package dev.gdq.reliability;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.process.ChildJvm;
import dev.gdq.infra.process.ChildLifetime;
import dev.gdq.infra.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker ({@code WorkerCommand serve}) in a JVM of its own, tied to this JVM (it exits if this one dies). A real
 * process, so {@link #kill()} is a real SIGKILL: no shutdown hook, no last commit, open transactions left behind.
 */
public final class WorkerProcess implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx768m", "-XX:+UseSerialGC",
            "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1");

    private final String workerId;
    private final Path logFile;
    private final ChildProcess process;

    private WorkerProcess(String workerId, Path logFile, ChildProcess process) {
        this.workerId = workerId;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts a worker of {@code group} serving the trivial model. A worker started with the id of a killed one
     * fences the dead one's open transaction at once, as a restarted pod would.
     */
    public static WorkerProcess start(WorkerDistribution distribution, LocalServices services, String group,
                                      String workerId, int batchSize, Path directory) {
        Path logFile = directory.toAbsolutePath().resolve(workerId + ".log");
        List<String> arguments = List.of("serve",
                "--worker-id", workerId,
                "--kafka", services.kafkaBootstrapServers(),
                "--group", group,
                "--model", distribution.trivialModel().toString(),
                "--no-gpu",
                "--batch-size", Integer.toString(batchSize),
                "--batch-wait-ms", "100",
                "--progress-interval-ms", "1000",
                "--s3-endpoint", services.s3Endpoint(),
                "--s3-access-key", services.s3AccessKey(),
                "--s3-secret-key", services.s3SecretKey(),
                "--s3-bucket", services.bucket(),
                "--ops-port", "0");
        ChildProcess process = ChildProcess.start(new ChildJvm("gdq-worker-" + workerId, distribution.classpath(),
                JVM_OPTIONS, "dev.gdq.worker.cli.WorkerCommand", arguments,
                directory.toAbsolutePath().resolve("work-" + workerId), logFile, ChildLifetime.TIED_TO_PARENT));
        return new WorkerProcess(workerId, logFile, process);
    }

    public String workerId() {
        return workerId;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.handle().isAlive();
    }

    /** SIGKILL ({@link ProcessHandle#destroyForcibly()}), then waits until the process is gone. */
    public void kill() {
        ProcessHandle handle = process.handle();
        handle.destroyForcibly();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("worker " + workerId + " (pid " + handle.pid() + ") survived SIGKILL", e);
        }
    }

    /** SIGTERM: the worker's shutdown hook stops its loop; killed if it takes longer than the grace. */
    public void stop() {
        ChildProcess.stop(process.handle(), Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        stop();
    }
}
