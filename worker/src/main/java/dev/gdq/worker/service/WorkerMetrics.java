package dev.gdq.worker.service;

import dev.gdq.protocol.DeadLetterReason;
import dev.gdq.protocol.JobEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker's meters, on whichever Micrometer registry the service runs with (Prometheus in production). */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter images;
    private final Counter storageRetries;
    private final Timer batches;
    private final AtomicInteger waitingImages = new AtomicInteger();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.images = Counter.builder("gdq.worker.images").description("images sampled and stored").register(registry);
        this.storageRetries = Counter.builder("gdq.worker.storage.retries")
                .description("object store calls retried after a transient failure").register(registry);
        this.batches = Timer.builder("gdq.worker.batch").description("time to sample one forward batch")
                .register(registry);
        registry.gauge("gdq.worker.waiting.images", waitingImages);
    }

    /** Meters that go nowhere, for tests and the command line. */
    public static WorkerMetrics discarding() {
        return new WorkerMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void taskFinished(JobEventType outcome) {
        registry.counter("gdq.worker.tasks", "outcome", outcome.name().toLowerCase()).increment();
    }

    public void deadLettered(DeadLetterReason reason) {
        registry.counter("gdq.worker.dead.letters", "reason", reason.name()).increment();
    }

    public void imagesStored(int count) {
        images.increment(count);
    }

    public void storageRetried() {
        storageRetries.increment();
    }

    public void batchSampled(Duration duration) {
        batches.record(duration);
    }

    public void waitingImages(int count) {
        waitingImages.set(count);
    }
}
