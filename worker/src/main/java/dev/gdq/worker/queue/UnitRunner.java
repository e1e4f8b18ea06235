package dev.gdq.worker.queue;

import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.ObjectKeys;
import dev.gdq.worker.sampling.GeneratedImage;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.sampling.ImageOrder;
import dev.gdq.worker.sampling.SamplingCancelledException;
import dev.gdq.worker.sampling.SamplingListener;
import dev.gdq.worker.service.WorkerMetrics;
import dev.gdq.worker.storage.Backoff;
import dev.gdq.worker.storage.ImageStore;
import dev.gdq.worker.storage.StorageUnavailableException;
import dev.gdq.worker.storage.TaskManifest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one work unit: skips cancelled tasks, completes tasks whose manifest already exists without sampling again,
 * samples the rest on the sampling thread in batches of at most the batch size, stores images and then each task's
 * manifest on the upload threads (retrying the store for as long as the worker runs) while the sampler goes on,
 * and reports an outcome per task. STARTED and PROGRESS events go to the outbox, which the consumer loop publishes.
 */
final class UnitRunner {

    private static final Logger LOG = LoggerFactory.getLogger(UnitRunner.class);

    /** Thrown when the worker stops in the middle of a unit: the unit is abandoned, its tasks will be redelivered. */
    static final class Abandoned extends RuntimeException {
        Abandoned(String message) {
            super(message);
        }
    }

    /** Sampled batches that may wait for the store at once: one uploading while the next one is ready. */
    static final int BATCHES_STORING = 2;

    private final Map<String, ImageGenerator> generators;
    private final ImageStore store;
    private final Executor uploads;
    private final Backoff backoff;
    private final CancellationTracker cancellations;
    private final Events events;
    private final Consumer<ProducerRecord<String, byte[]>> outbox;
    private final int maxBatchImages;
    private final long progressIntervalNanos;
    private final FaultInjector faults;
    private final BooleanSupplier running;
    private final String workerId;
    private final Clock clock;
    private final WorkerMetrics metrics;
    /** Sampled batches whose uploads have not finished; the sampler waits for a permit before it starts another. */
    private final Semaphore batchesStoring = new Semaphore(BATCHES_STORING);

    /** @param uploads runs a batch's S3 uploads in parallel (bounded by its thread count) */
    UnitRunner(Map<String, ImageGenerator> generators, ImageStore store, Executor uploads, Backoff backoff,
               CancellationTracker cancellations, Events events, Consumer<ProducerRecord<String, byte[]>> outbox,
               int maxBatchImages, java.time.Duration progressInterval, FaultInjector faults, BooleanSupplier running,
               String workerId, Clock clock, WorkerMetrics metrics) {
        this.generators = Map.copyOf(generators);
        this.store = store;
        this.uploads = uploads;
        this.backoff = backoff;
        this.cancellations = cancellations;
        this.events = events;
        this.outbox = outbox;
        this.maxBatchImages = maxBatchImages;
        this.progressIntervalNanos = progressInterval.toNanos();
        this.faults = faults;
        this.running = running;
        this.workerId = workerId;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Samples the unit on the calling thread (the sampling thread) and returns once its last batch is sampled. The
     * returned stage completes when the unit's images and manifests are stored, so the next unit samples while this
     * one uploads; at most {@link #BATCHES_STORING} sampled batches wait for the store at any time.
     */
    CompletableFuture<List<TaskOutcome>> run(WorkUnit unit) throws InterruptedException {
        List<TaskOutcome> decided = new ArrayList<>();
        List<PendingTask> toSample = notYetStored(unit, decided);
        List<CompletableFuture<List<TaskOutcome>>> storing = new ArrayList<>();
        while (!toSample.isEmpty()) {
            toSample.forEach(t -> outbox.accept(events.task(t.task(), JobEventType.STARTED, null, null, null)));
            try {
                storing.add(failedIfRefused(sampleAndStore(toSample), toSample));
                toSample = List.of();
            } catch (SamplingCancelledException e) {
                if (!running.getAsBoolean()) {
                    throw new Abandoned("worker stopping");
                }
                List<PendingTask> rest = new ArrayList<>();
                for (PendingTask task : toSample) {
                    if (cancellations.isCancelled(task.jobId())) {
                        decided.add(TaskOutcome.cancelled(task));
                    } else {
                        rest.add(task);
                    }
                }
                toSample = rest;
            } catch (RuntimeException e) {
                if (e instanceof Abandoned) {
                    throw e;
                }
                LOG.error("sampling failed for {} tasks", toSample.size(), e);
                toSample.forEach(task -> decided.add(TaskOutcome.failed(task, "SAMPLING_FAILED",
                        String.valueOf(e.getMessage()))));
                toSample = List.of();
            }
        }
        return CompletableFuture.allOf(storing.toArray(CompletableFuture[]::new)).thenApply(stored -> {
            List<TaskOutcome> outcomes = new ArrayList<>(decided);
            storing.forEach(unitPart -> outcomes.addAll(unitPart.join()));
            return outcomes;
        });
    }

    /**
     * The unit's tasks that must be sampled: cancelled tasks and tasks whose manifest is already stored (a
     * redelivery after a crash) are decided here. The lookups run on this thread: on the upload threads they would
     * queue behind the previous unit's uploads.
     */
    private List<PendingTask> notYetStored(WorkUnit unit, List<TaskOutcome> decided) throws InterruptedException {
        List<PendingTask> toSample = new ArrayList<>();
        for (PendingTask task : unit.tasks()) {
            if (cancellations.isCancelled(task.jobId())) {
                decided.add(TaskOutcome.cancelled(task));
                continue;
            }
            Optional<TaskManifest> done = retrying(() -> store.findManifest(task.jobId(), task.task().taskIndex()));
            if (done.isPresent()) {
                LOG.info("task {}/{} already stored by {}; completing without sampling", task.jobId(),
                        task.task().taskIndex(), done.get().workerId());
                decided.add(TaskOutcome.completed(task, done.get().objectKeys()));
            } else {
                toSample.add(task);
            }
        }
        return toSample;
    }

    /** Samples the tasks' images batch by batch; each batch's uploads run while the next batch samples. */
    private CompletableFuture<List<TaskOutcome>> sampleAndStore(List<PendingTask> tasks) throws InterruptedException {
        List<ImageOrder> orders = new ArrayList<>();
        Map<ImageOrder, PendingTask> taskOf = new java.util.IdentityHashMap<>();
        for (PendingTask task : tasks) {
            GenerationTask t = task.task();
            for (int i = t.firstImage(); i < t.firstImage() + t.imageCount(); i++) {
                ImageOrder order = new ImageOrder(t.jobId(), t.request(), task.plan(), i);
                orders.add(order);
                taskOf.put(order, task);
            }
        }
        ImageGenerator generator = generators.get(tasks.get(0).task().request().model());
        Map<PendingTask, List<String>> keys = new LinkedHashMap<>();
        tasks.forEach(t -> keys.put(t, new ArrayList<>()));
        Map<PendingTask, Integer> imagesDone = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> batchesStored = new ArrayList<>();
        for (int first = 0; first < orders.size(); first += maxBatchImages) {
            List<ImageOrder> batch = orders.subList(first, Math.min(orders.size(), first + maxBatchImages));
            long started = System.nanoTime();
            List<GeneratedImage> images = generator.generate(batch, listener(batch, taskOf, imagesDone));
            metrics.batchSampled(java.time.Duration.ofNanos(System.nanoTime() - started));
            List<Backoff.StorageCall<Void>> puts = new ArrayList<>();
            for (GeneratedImage image : images) {
                PendingTask task = taskOf.get(image.order());
                String key = ObjectKeys.image(task.jobId(), image.order().imageIndex());
                puts.add(() -> {
                    store.putImage(key, image.png(), metadata(image, task));
                    return null;
                });
                keys.get(task).add(key);
            }
            batchesStoring.acquire();
            batchesStored.add(storeAll(puts).whenComplete((stored, failure) -> {
                batchesStoring.release();
                if (failure == null) {
                    images.forEach(image -> imagesDone.merge(taskOf.get(image.order()), 1, Integer::sum));
                    metrics.imagesStored(images.size());
                }
            }));
        }
        // a manifest says "every image of the task is stored": written only after all of them are
        return CompletableFuture.allOf(batchesStored.toArray(CompletableFuture[]::new))
                .thenCompose(imagesStored -> storeAll(manifestPuts(keys)))
                .thenApply(manifestsStored -> {
                    List<TaskOutcome> outcomes = new ArrayList<>();
                    for (Map.Entry<PendingTask, List<String>> entry : keys.entrySet()) {
                        GenerationTask t = entry.getKey().task();
                        faults.afterUpload(t.jobId(), t.taskIndex());
                        outcomes.add(TaskOutcome.completed(entry.getKey(), entry.getValue()));
                    }
                    return outcomes;
                });
    }

    /**
     * Tasks whose store calls were refused (a 4xx: a bug or a misconfiguration, never worth retrying) fail; the
     * worker stopping and a simulated crash still end the stage exceptionally.
     */
    private static CompletableFuture<List<TaskOutcome>> failedIfRefused(CompletableFuture<List<TaskOutcome>> stored,
                                                                       List<PendingTask> tasks) {
        return stored.exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof Abandoned || cause instanceof SimulatedCrash || !(cause instanceof RuntimeException)) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            LOG.error("storing failed for {} tasks", tasks.size(), cause);
            return tasks.stream().map(task -> TaskOutcome.failed(task, "STORAGE_FAILED",
                    String.valueOf(cause.getMessage()))).toList();
        });
    }

    private List<Backoff.StorageCall<Void>> manifestPuts(Map<PendingTask, List<String>> keys) {
        List<Backoff.StorageCall<Void>> manifests = new ArrayList<>();
        for (Map.Entry<PendingTask, List<String>> entry : keys.entrySet()) {
            GenerationTask t = entry.getKey().task();
            TaskManifest manifest = new TaskManifest(t.jobId(), t.taskIndex(), t.firstImage(), t.imageCount(),
                    t.request().model(), entry.getValue(), workerId, clock.instant());
            manifests.add(() -> {
                store.putManifest(manifest);
                return null;
            });
        }
        return manifests;
    }

    /**
     * Runs the calls on the upload executor, each retried as long as the worker runs. The stage completes when all
     * have succeeded, or exceptionally with the first failure (the worker stopping) once every call has ended.
     */
    private CompletableFuture<Void> storeAll(List<Backoff.StorageCall<Void>> calls) {
        return CompletableFuture.allOf(calls.stream().map(this::onStore).toArray(CompletableFuture[]::new));
    }

    /** One store call on the upload executor, retried as long as the worker runs. */
    private <T> CompletableFuture<T> onStore(Backoff.StorageCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return retrying(call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Abandoned("interrupted while storing");
            }
        }, uploads);
    }

    private SamplingListener listener(List<ImageOrder> batch, Map<ImageOrder, PendingTask> taskOf,
                                      Map<PendingTask, Integer> imagesDone) {
        List<PendingTask> inBatch = batch.stream().map(taskOf::get).distinct().toList();
        return new SamplingListener() {
            private long lastProgressNanos = System.nanoTime();

            @Override
            public void onStep(int stepsDone, int steps) {
                long now = System.nanoTime();
                if (now - lastProgressNanos >= progressIntervalNanos && stepsDone < steps) {
                    lastProgressNanos = now;
                    for (PendingTask task : inBatch) {
                        outbox.accept(events.progress(task.task(), imagesDone.getOrDefault(task, 0), stepsDone, steps));
                    }
                }
            }

            @Override
            public boolean isCancelled() {
                return !running.getAsBoolean() || inBatch.stream().anyMatch(t -> cancellations.isCancelled(t.jobId()));
            }
        };
    }

    private static Map<String, String> metadata(GeneratedImage image, PendingTask task) {
        int classIndex = image.order().plan().classIndexOfImage(image.order().imageIndex());
        return Map.of("job-id", task.jobId(), "image-index", String.valueOf(image.order().imageIndex()),
                "class-index", String.valueOf(classIndex), "seed", String.valueOf(task.task().request().seed()),
                "model", task.task().request().model());
    }

    private <T> T retrying(Backoff.StorageCall<T> call) throws InterruptedException {
        try {
            return backoff.run(call, running);
        } catch (StorageUnavailableException e) {
            throw new Abandoned("worker stopping while the store is unavailable: " + e.getMessage());
        }
    }
}
