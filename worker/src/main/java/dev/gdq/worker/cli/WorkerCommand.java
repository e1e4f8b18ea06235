package dev.gdq.worker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the worker's command line. */
@Command(name = "worker", mixinStandardHelpOptions = true, version = "gdq worker 0.1",
        description = "gdq worker: guided diffusion sampling.", subcommands = {SampleCommand.class, ServeCommand.class, SubmitCommand.class,
                EvalCommand.class})
public final class WorkerCommand {

    /** The JVM's property that sizes the common fork-join pool; read once, when the pool is first used. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        poolTheDefaultAsyncExecutor();
        int exitCode = new CommandLine(new WorkerCommand()).execute(args);
        System.exit(exitCode);
    }

    /**
     * The MinIO SDK builds and signs every S3 request in {@code CompletableFuture.supplyAsync} without an executor.
     * On a host with fewer than 3 cores the common pool has parallelism 1, and {@code CompletableFuture} then
     * starts a new thread for every call: a thread started and stopped per stored image (BENCHMARKS.md, section 7).
     * Two pooled threads serve it instead, unless the property is set already.
     */
    static void poolTheDefaultAsyncExecutor() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }
}
