package dev.gdq.worker.service;

import dev.gdq.protocol.ModelManifest;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.worker.model.ModelLoadException;
import dev.gdq.worker.model.ModelRepository;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.queue.FaultInjector;
import dev.gdq.worker.queue.TaskConsumerLoop;
import dev.gdq.worker.queue.TaskLoopFactory;
import dev.gdq.worker.storage.ImageStore;
import dev.gdq.worker.storage.S3HttpClient;
import io.minio.MinioClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker: its models, its object store and its task loop. {@link #start} loads and checks the models
 * before it joins the consumer group, so a worker that cannot serve never takes partitions.
 */
public final class WorkerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);

    private final WorkerSettings settings;
    private final List<ServedModel> models;
    private final TaskLoopFactory.RunningLoop loop;
    private final ImageStore store;

    private WorkerService(WorkerSettings settings, List<ServedModel> models, TaskLoopFactory.RunningLoop loop,
                          ImageStore store) {
        this.settings = settings;
        this.models = models;
        this.loop = loop;
        this.store = store;
    }

    /** Ready to take work: the task loop runs and the object store answers. */
    public boolean isReady() {
        return isRunning() && store.isReachable();
    }

    public static WorkerService start(WorkerSettings settings) throws ModelLoadException {
        return start(settings, FaultInjector.NONE, WorkerMetrics.discarding());
    }

    public static WorkerService start(WorkerSettings settings, FaultInjector faults) throws ModelLoadException {
        return start(settings, faults, WorkerMetrics.discarding());
    }

    public static WorkerService start(WorkerSettings settings, FaultInjector faults, WorkerMetrics metrics)
            throws ModelLoadException {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid worker settings: " + String.join("; ", problems));
        }
        List<ServedModel> models = new ArrayList<>();
        try {
            ModelRepository repository = new ModelRepository(settings.useGpu());
            Map<String, ServedModel> byName = new LinkedHashMap<>();
            for (Path folder : settings.modelFolders()) {
                ServedModel model = repository.load(folder);
                models.add(model);
                if (byName.putIfAbsent(model.name(), model) != null) {
                    throw new ModelLoadException(folder, "a second model named '" + model.name() + "'");
                }
            }
            MinioClient client = MinioClient.builder().endpoint(settings.s3Endpoint())
                    .credentials(settings.s3AccessKey(), settings.s3SecretKey()).region(settings.s3Region())
                    .httpClient(S3HttpClient.create(settings.storageConcurrency()), true).build();
            ImageStore store = new ImageStore(client, settings.s3Bucket());
            Map<String, ModelManifest> manifests = new LinkedHashMap<>();
            byName.forEach((name, model) -> manifests.put(name, model.manifest()));
            TaskLoopFactory.RunningLoop loop = TaskLoopFactory.start(settings, byName, manifests,
                    new SamplingPlanner(), store, faults, metrics);
            LOG.info("worker {} serving {} on {}", settings.workerId(), byName.keySet(),
                    models.get(0).device());
            return new WorkerService(settings, models, loop, store);
        } catch (ModelLoadException | RuntimeException e) {
            models.forEach(ServedModel::close);
            throw e;
        }
    }

    public String workerId() {
        return settings.workerId();
    }

    /** Whether the task loop still runs. */
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Why the loop ended abnormally, or null. */
    public Throwable failure() {
        return loop.loop().failure();
    }

    public TaskConsumerLoop loop() {
        return loop.loop();
    }

    /** Waits until the loop has ended (after {@link #close} or a crash). */
    public void awaitStopped() throws InterruptedException {
        loop.await();
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        models.forEach(ServedModel::close);
    }
}
