package dev.gdq.worker.cli;

import dev.gdq.worker.queue.FaultInjector;
import dev.gdq.worker.service.OpsServer;
import dev.gdq.worker.service.WorkerMetrics;
import dev.gdq.worker.service.WorkerService;
import dev.gdq.worker.service.WorkerSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code worker serve}: the long-running worker. Every option can be set by the environment variable named in
 * its default, so the same image runs anywhere.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Consume generation tasks from Kafka, sample, upload PNGs to S3, publish events.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--worker-id", defaultValue = "${env:GDQ_WORKER_ID:-worker-0}",
            description = "unique per worker; fixes its Kafka transactional id (default: ${DEFAULT-VALUE})")
    String workerId;

    @Option(names = "--kafka", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--group", defaultValue = "${env:GDQ_WORKER_GROUP:-" + WorkerSettings.DEFAULT_GROUP + "}",
            description = "consumer group of the worker pool (default: ${DEFAULT-VALUE})")
    String group;

    @Option(names = "--model", split = ",", defaultValue = "${env:GDQ_MODELS:-models/fashion-mnist}",
            description = "model folders, comma-separated (default: ${DEFAULT-VALUE})")
    List<Path> models;

    @Option(names = "--gpu", negatable = true, defaultValue = "${env:GDQ_USE_GPU:-true}",
            description = "use a GPU when the engine sees one (default: ${DEFAULT-VALUE})")
    boolean gpu;

    @Option(names = "--batch-size", defaultValue = "${env:GDQ_MAX_BATCH_IMAGES:-32}",
            description = "most images per forward batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batch-wait-ms", defaultValue = "${env:GDQ_MAX_BATCH_WAIT_MS:-500}",
            description = "how long a lone task waits for company (default: ${DEFAULT-VALUE})")
    long batchWaitMillis;

    @Option(names = "--progress-interval-ms", defaultValue = "${env:GDQ_PROGRESS_INTERVAL_MS:-1000}",
            description = "least time between PROGRESS events of a batch (default: ${DEFAULT-VALUE})")
    long progressIntervalMillis;

    @Option(names = "--transaction-timeout-ms", defaultValue = "${env:GDQ_TRANSACTION_TIMEOUT_MS:-30000}",
            description = "Kafka transaction timeout (default: ${DEFAULT-VALUE})")
    long transactionTimeoutMillis;

    @Option(names = "--s3-endpoint", defaultValue = "${env:S3_ENDPOINT:-http://127.0.0.1:9000}",
            description = "S3 endpoint (default: ${DEFAULT-VALUE})")
    String s3Endpoint;

    @Option(names = "--s3-access-key", defaultValue = "${env:S3_ACCESS_KEY:-gdq-access-key}")
    String s3AccessKey;

    /** No default: a well-known secret would be worse than none. Prefer the variable; an option shows in ps. */
    @Option(names = "--s3-secret-key", defaultValue = "${env:S3_SECRET_KEY}",
            description = "S3 secret (default: the variable S3_SECRET_KEY, which keeps it out of process listings)")
    String s3SecretKey;

    @Option(names = "--s3-bucket", defaultValue = "${env:S3_BUCKET:-gdq-images}",
            description = "bucket of the images (default: ${DEFAULT-VALUE})")
    String s3Bucket;

    @Option(names = "--s3-region", defaultValue = "${env:S3_REGION:-us-east-1}")
    String s3Region;

    @Option(names = "--storage-concurrency", defaultValue = "${env:GDQ_STORAGE_CONCURRENCY:-"
            + WorkerSettings.DEFAULT_STORAGE_CONCURRENCY + "}",
            description = "most S3 uploads of a batch in flight at once (default: ${DEFAULT-VALUE})")
    int storageConcurrency;

    @Option(names = "--ops-port", defaultValue = "${env:GDQ_OPS_PORT:-8081}",
            description = "port of /q/health and /q/metrics, 0 for any (default: ${DEFAULT-VALUE})")
    int opsPort;

    @Override
    public Integer call() throws Exception {
        WorkerSettings settings = new WorkerSettings(workerId, kafka, group, models, gpu, batchSize,
                Duration.ofMillis(batchWaitMillis), Duration.ofMillis(progressIntervalMillis),
                Duration.ofMillis(transactionTimeoutMillis), s3Endpoint, s3AccessKey, s3SecretKey, s3Bucket, s3Region,
                Duration.ofMillis(250), Duration.ofSeconds(10), storageConcurrency);
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("invalid setting " + p));
            return 2;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerService worker = WorkerService.start(settings, FaultInjector.NONE, new WorkerMetrics(registry));
        CountDownLatch stopped = new CountDownLatch(1);
        try (OpsServer ops = new OpsServer(opsPort, registry, worker::isRunning, worker::isReady)) {
            LOG.info("worker {} up; health and metrics on port {}", workerId, ops.port());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    worker.close();
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-shutdown"));
            worker.awaitStopped();
            stopped.countDown();
        }
        if (worker.failure() != null) {
            LOG.error("worker {} stopped: {}", workerId, worker.failure().toString());
            return 1;
        }
        return 0;
    }
}
