package dev.gdq.api.restart;

import dev.gdq.api.kafka.KafkaClients;
import dev.gdq.api.kafka.TransactionalProducers;
import dev.gdq.api.models.ModelCatalog;
import dev.gdq.api.submit.JobFactory;
import dev.gdq.api.submit.JobIds;
import dev.gdq.api.submit.JobQueue;
import dev.gdq.api.submit.NewJob;
import dev.gdq.api.submit.ReadRequest;
import dev.gdq.api.submit.RequestDigest;
import dev.gdq.api.testing.KafkaSettings;
import dev.gdq.api.testing.SimulatedWorker;
import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.infra.testing.SharedServices;
import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.WireCodec;
import dev.gdq.scheduler.plan.SamplingPlanner;
import io.minio.MinioClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The history an earlier api instance (and the workers) left on the topics, written with the api's own
 * {@link JobFactory} and {@link JobQueue} before the application under test starts: a finished job (with one real
 * image in S3), a running job, a job submitted with an idempotency key and a job being cancelled. Its ids reach the
 * test as configuration ({@code gdq.test.restart.*}).
 */
public final class EarlierInstance implements QuarkusTestResourceLifecycleManager {

    public static final String TENANT = "team-restart";
    /** The idempotent job's body; the test submits it again. */
    public static final String IDEMPOTENT_BODY = """
            {"schemaVersion": 1, "model": "fashion-mnist", "classes": ["coat"], "totalImages": 3,
             "sampler": {"name": "euler", "steps": 15}}""";

    @Override
    public Map<String, String> start() {
        LocalServices services = SharedServices.acquire();
        ModelManifest model = ModelCatalog.load(List.of(Path.of(System.getProperty("gdq.repo.root", ".."),
                "models"))).find("fashion-mnist").orElseThrow();
        String key = "restart-" + UUID.randomUUID();
        Map<String, String> ids = new HashMap<>();
        try (TransactionalProducers producers = new TransactionalProducers(
                new KafkaClients(Map.of("bootstrap.servers", services.kafkaBootstrapServers())), "earlier-instance",
                new KafkaSettings(1, 64, Duration.ofSeconds(10)));
             MinioClient s3 = services.newMinioClient();
             SimulatedWorker worker = new SimulatedWorker(services.kafkaBootstrapServers(), s3, services.bucket(),
                     TENANT)) {
            JobQueue queue = new JobQueue(producers);
            JobFactory factory = new JobFactory(4, 5, new JobIds(Clock.systemUTC()), () -> 77L, Clock.systemUTC());
            NewJob finished = factory.create(read(request("{\"schemaVersion\": 1, \"model\": \"fashion-mnist\", "
                    + "\"classes\": [\"bag\"], \"totalImages\": 6, \"sampler\": {\"name\": \"ddim\", \"steps\": 20}}",
                    null), model));
            NewJob running = factory.create(read(request("{\"schemaVersion\": 1, \"model\": \"fashion-mnist\", "
                    + "\"classes\": [\"dress\"], \"totalImages\": 8, \"sampler\": {\"name\": \"ddim\", \"steps\": 20}}",
                    null), model));
            NewJob idempotent = factory.create(read(request(IDEMPOTENT_BODY, key), model));
            NewJob cancelling = factory.create(read(request("{\"schemaVersion\": 1, \"model\": \"fashion-mnist\", "
                    + "\"classes\": [0], \"totalImages\": 4, \"sampler\": {\"name\": \"ddim\", \"steps\": 20}}", null),
                    model));
            queue.enqueue(List.of(finished, running, idempotent, cancelling));

            worker.started(finished.jobId(), 0, 0, 4, 20);
            worker.completed(finished.jobId(), 0, 0, List.of(SimulatedWorker.png(100), SimulatedWorker.png(101),
                    SimulatedWorker.png(102), SimulatedWorker.png(103)), 20);
            worker.started(finished.jobId(), 1, 4, 2, 20);
            worker.completed(finished.jobId(), 1, 4, List.of(SimulatedWorker.png(104), SimulatedWorker.png(105)),
                    20);
            worker.started(running.jobId(), 0, 0, 4, 20);
            worker.progress(running.jobId(), 0, 0, 4, 2, 13, 20);
            worker.completedWithoutUpload(running.jobId(), 1, 4, 4, 20);
            worker.started(cancelling.jobId(), 0, 0, 4, 20);
            queue.cancel(new CancellationRequest(SchemaVersion.V1, cancelling.jobId(), Instant.now(), TENANT,
                    "user request"));
            ids.put("gdq.test.restart.finished", finished.jobId());
            ids.put("gdq.test.restart.running", running.jobId());
            ids.put("gdq.test.restart.idempotent", idempotent.jobId());
            ids.put("gdq.test.restart.idempotency-key", key);
            ids.put("gdq.test.restart.cancelling", cancelling.jobId());
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the earlier instance's history", e);
        }
        ids.putAll(RealServicesResource.config(services));
        return ids;
    }

    @Override
    public void stop() {
        // the history stays on the shared topics
    }

    private static GenerationRequest request(String json, String idempotencyKey) throws Exception {
        GenerationRequest asked = WireCodec.read(json, GenerationRequest.class);
        return new GenerationRequest(asked.schemaVersion(), asked.model(), asked.classes(), asked.imagesPerClass(),
                asked.totalImages(), asked.seed(), asked.sampler(), asked.guidance(), TENANT, idempotencyKey,
                asked.priority(), asked.labels());
    }

    private static ReadRequest read(GenerationRequest request, ModelManifest model) {
        return new ReadRequest(request, RequestDigest.of(request), new SamplingPlanner().plan(request, model)
                .orElseThrow());
    }
}
