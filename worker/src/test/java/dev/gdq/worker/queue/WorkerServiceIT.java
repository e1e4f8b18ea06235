package dev.gdq.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.RealServices;
import dev.gdq.protocol.DeadLetterReason;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.ObjectKeys;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.WireCodec;
import dev.gdq.worker.image.PngEncoder;
import dev.gdq.worker.service.WorkerService;
import dev.gdq.worker.storage.ImageStore;
import dev.gdq.worker.testing.QueueHarness;
import dev.gdq.worker.testing.Requests;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker service on the real broker and S3 server, with the reference model. */
@RealServices
class WorkerServiceIT {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final SamplerSpec FAST = SamplerSpec.of("ddim", 5);

    private final LocalServices services;
    private QueueHarness queue;
    private final List<WorkerService> workers = new ArrayList<>();

    WorkerServiceIT(LocalServices services) {
        this.services = services;
    }

    @BeforeEach
    void newGroup() throws Exception {
        queue = new QueueHarness(services);
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (WorkerService worker : workers) {
            worker.close();
        }
        queue.close();
    }

    private WorkerService startWorker(String id, dev.gdq.worker.service.WorkerSettings settings, FaultInjector faults)
            throws Exception {
        WorkerService worker = WorkerService.start(settings, faults);
        workers.add(worker);
        return worker;
    }

    private WorkerService startWorker(String id) throws Exception {
        return startWorker(id, queue.settings(id), FaultInjector.NONE);
    }

    private static GenerationRequest request(List<String> classes, int perClass, SamplerSpec sampler) {
        return Requests.request(classes, perClass, 7, sampler, GuidanceSpec.cfg(new ScheduleSpec.Constant(2)));
    }

    private static List<JobEvent> terminal(List<JobEvent> events) {
        return events.stream().filter(e -> e.type().isTerminal()).toList();
    }

    @Test
    void taskYieldsPngsInS3AndExactlyOneCommittedCompletedEvent() throws Exception {
        startWorker("w-basic");
        String jobId = QueueHarness.newJobId();
        queue.submit(jobId, request(List.of("sneaker", "bag"), 1, FAST), 2);

        await().atMost(WITHIN).until(() -> !terminal(queue.events(jobId)).isEmpty());
        await().atMost(WITHIN).until(() -> !queue.committedOffsets().isEmpty());

        List<JobEvent> done = terminal(queue.events(jobId));
        assertThat(done).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(JobEventType.COMPLETED);
            assertThat(e.objectKeys()).containsExactly(ObjectKeys.image(jobId, 0), ObjectKeys.image(jobId, 1));
        });
        ImageStore store = new ImageStore(services.newMinioClient(), services.bucket());
        for (String key : done.get(0).objectKeys()) {
            byte[] png = store.get(key);
            assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(28);
            assertThat(PngEncoder.readParameters(png)).contains("\"jobId\":\"" + jobId + "\"");
        }
        assertThat(queue.events(jobId)).extracting(JobEvent::type).contains(JobEventType.STARTED);
    }

    @Test
    void crashAfterUploadBeforeCommitEndsWithOneCompletedEventAndTheSameKeys() throws Exception {
        String jobId = QueueHarness.newJobId();
        WorkerService doomed = startWorker("w-crash", queue.settings("w-crash"), new FaultInjector() {
            @Override
            public void afterUpload(String job, int taskIndex) {
                throw new SimulatedCrash("after uploading " + job + "/" + taskIndex);
            }
        });
        queue.submit(jobId, request(List.of("coat"), 2, FAST), 2);
        await().atMost(WITHIN).until(() -> !doomed.isRunning());
        assertThat(doomed.failure()).isInstanceOf(SimulatedCrash.class);
        ImageStore store = new ImageStore(services.newMinioClient(), services.bucket());
        byte[] firstRun = store.get(ObjectKeys.image(jobId, 0));
        assertThat(terminal(queue.events(jobId))).isEmpty();

        startWorker("w-crash");

        await().atMost(WITHIN).until(() -> !terminal(queue.events(jobId)).isEmpty());
        await().atMost(WITHIN).until(() -> !queue.committedOffsets().isEmpty());
        List<JobEvent> done = terminal(queue.events(jobId));
        assertThat(done).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(JobEventType.COMPLETED);
            assertThat(e.objectKeys()).containsExactly(ObjectKeys.image(jobId, 0), ObjectKeys.image(jobId, 1));
        });
        assertThat(store.get(ObjectKeys.image(jobId, 0))).as("not sampled again").isEqualTo(firstRun);
        assertThat(ImageIO.read(new ByteArrayInputStream(store.get(ObjectKeys.image(jobId, 1))))).isNotNull();
    }

    @Test
    void twoWorkersInOneGroupShareFortyTasksAndCompleteEachOnce() throws Exception {
        startWorker("w-pair-a");
        startWorker("w-pair-b");
        // otherwise the first worker can finish every task before the group has rebalanced to the second
        await().atMost(WITHIN).until(() -> queue.membersWithPartitions() == 2);
        List<String> jobs = IntStream.range(0, 10).mapToObj(i -> QueueHarness.newJobId()).toList();
        for (String jobId : jobs) {
            queue.submit(jobId, request(List.of("trouser", "dress", "sandal", "shirt"), 1, FAST), 1);
        }

        await().atMost(Duration.ofMinutes(3)).until(() -> terminal(queue.events(jobs)).size() >= 40);

        List<JobEvent> done = terminal(queue.events(jobs));
        assertThat(done).hasSize(40).allMatch(e -> e.type() == JobEventType.COMPLETED);
        assertThat(done.stream().map(e -> e.jobId() + "/" + e.taskIndex()).collect(Collectors.toSet())).hasSize(40);
        assertThat(done.stream().map(JobEvent::workerId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("w-pair-a", "w-pair-b");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndValidTasksAroundThemComplete() throws Exception {
        startWorker("w-poison");
        String good1 = QueueHarness.newJobId();
        String good2 = QueueHarness.newJobId();
        String good3 = QueueHarness.newJobId();
        String invalidJob = QueueHarness.newJobId();
        String unknownModelJob = QueueHarness.newJobId();
        String notJsonKey = "poison-" + java.util.UUID.randomUUID();
        String wrongVersionKey = "poison-" + java.util.UUID.randomUUID();

        queue.submit(good1, request(List.of("bag"), 1, FAST), 1);
        queue.produceRaw(notJsonKey, "this is not json".getBytes());
        queue.submit(good2, request(List.of("bag"), 1, FAST), 1);
        queue.produceRaw(wrongVersionKey, WireCodec.mapper().writeValueAsBytes(Map.of("schemaVersion", 9, "jobId", "x")));
        GenerationRequest zeroSteps = request(List.of("bag"), 1, SamplerSpec.of("ddim", 0));
        queue.produceRaw(invalidJob + "/0", WireCodec.write(new GenerationTask(SchemaVersion.V1, invalidJob, 0, 1, 0, 1,
                zeroSteps, Instant.now())));
        GenerationRequest otherModel = new GenerationRequest(SchemaVersion.V1, "imagenet-512", zeroSteps.classes(), 1,
                null, 7L, FAST, null, "test", null, null, null);
        queue.produceRaw(unknownModelJob + "/0", WireCodec.write(new GenerationTask(SchemaVersion.V1, unknownModelJob, 0,
                1, 0, 1, otherModel, Instant.now())));
        queue.submit(good3, request(List.of("bag"), 1, FAST), 1);

        List<String> goodJobs = List.of(good1, good2, good3);
        await().atMost(WITHIN).until(() -> terminal(queue.events(goodJobs)).size() == 3);
        Set<String> keys = Set.of(notJsonKey, wrongVersionKey, invalidJob + "/0", unknownModelJob + "/0");
        await().atMost(WITHIN).until(() -> queue.deadLetters(keys).size() == 4);

        assertThat(terminal(queue.events(goodJobs))).allMatch(e -> e.type() == JobEventType.COMPLETED);
        Map<String, Map<String, String>> letters = queue.deadLetters(keys);
        assertThat(letters.get(notJsonKey)).containsEntry(Headers.DLQ_REASON, DeadLetterReason.NOT_JSON.name());
        assertThat(letters.get(wrongVersionKey))
                .containsEntry(Headers.DLQ_REASON, DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION.name());
        assertThat(letters.get(invalidJob + "/0")).containsEntry(Headers.DLQ_REASON, DeadLetterReason.INVALID_SPEC.name());
        assertThat(letters.get(invalidJob + "/0").get(Headers.DLQ_DETAIL)).contains("request.sampler.steps");
        assertThat(letters.get(unknownModelJob + "/0"))
                .containsEntry(Headers.DLQ_REASON, DeadLetterReason.UNKNOWN_MODEL.name());
        assertThat(letters.values()).allSatisfy(h -> assertThat(h).containsKeys(Headers.DLQ_SOURCE_TOPIC,
                Headers.DLQ_SOURCE_PARTITION, Headers.DLQ_SOURCE_OFFSET, Headers.DLQ_WORKER));
        assertThat(terminal(queue.events(invalidJob))).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(JobEventType.FAILED));
    }

    @Test
    void jobIdsThatReadAsPathsGoToTheDeadLetterTopicAndNameNoObject() throws Exception {
        startWorker("w-paths");
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        List<String> pathLike = List.of("..", ".", "../" + suffix, "%2e%2e" + suffix, "/abs-" + suffix,
                "a\\..\\" + suffix, "job-" + suffix + "\u0000", "." + suffix);
        GenerationRequest valid = request(List.of("bag"), 1, FAST);
        for (String jobId : pathLike) {
            queue.produceRaw("path-" + suffix + "/" + pathLike.indexOf(jobId), WireCodec.write(new GenerationTask(
                    SchemaVersion.V1, jobId, 0, 1, 0, 1, valid, Instant.now())));
        }
        String good = QueueHarness.newJobId();
        queue.submit(good, valid, 1);

        await().atMost(WITHIN).until(() -> !terminal(queue.events(good)).isEmpty());
        Set<String> keys = IntStream.range(0, pathLike.size()).mapToObj(i -> "path-" + suffix + "/" + i)
                .collect(Collectors.toSet());
        await().atMost(WITHIN).until(() -> queue.deadLetters(keys).size() == pathLike.size());

        assertThat(queue.deadLetters(keys).values()).allSatisfy(letter -> {
            assertThat(letter).containsEntry(Headers.DLQ_REASON, DeadLetterReason.INVALID_SPEC.name());
            assertThat(letter.get(Headers.DLQ_DETAIL)).startsWith("field 'jobId'");
        });
        assertThat(objectsUnder("")).allSatisfy(key -> assertThat(key).startsWith("jobs/").doesNotContain("..")
                .doesNotContain(suffix));
        assertThat(objectsUnder("jobs/" + good + "/")).contains(ObjectKeys.image(good, 0));
    }

    @Test
    void cancelledQueuedTaskAndCancelledRunningTaskBothEndCancelled() throws Exception {
        startWorker("w-cancel");
        String queued = QueueHarness.newJobId();
        queue.cancel(queued);
        queue.submit(queued, request(List.of("sandal"), 2, FAST), 2);
        String running = QueueHarness.newJobId();
        queue.submit(running, request(List.of("sandal"), 2, SamplerSpec.of("ddpm", 1000)), 2);

        await().atMost(WITHIN).until(() -> queue.events(running).stream()
                .anyMatch(e -> e.type() == JobEventType.PROGRESS));
        queue.cancel(running);

        await().atMost(WITHIN).until(() -> terminal(queue.events(List.of(queued, running))).size() == 2);
        assertThat(terminal(queue.events(List.of(queued, running)))).allMatch(e -> e.type() == JobEventType.CANCELLED);
        assertThat(objectsUnder("jobs/" + queued + "/")).isEmpty();
    }

    @Test
    void storeDownForTwentySecondsLosesNothing() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gdq-s3-outage");
        dev.gdq.infra.s3.S3ServerConfig config = dev.gdq.infra.s3.S3ServerConfig.onFreePort(dir)
                .withCredentials(services.s3AccessKey(), services.s3SecretKey());
        dev.gdq.infra.s3.S3Server s3 = dev.gdq.infra.s3.S3Server.start(config);
        try {
            MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                    .credentials(services.s3AccessKey(), services.s3SecretKey()).region(LocalServices.S3_REGION).build();
            dev.gdq.infra.bootstrap.Bootstrap.ensureBucket(client, services.bucket());
            startWorker("w-outage", queue.settings("w-outage", s3.endpoint()), FaultInjector.NONE);
            List<String> jobs = IntStream.range(0, 4).mapToObj(i -> QueueHarness.newJobId()).toList();
            for (String jobId : jobs) {
                queue.submit(jobId, request(List.of("pullover"), 2, SamplerSpec.of("ddim", 30)), 2);
            }
            await().atMost(WITHIN).until(() -> queue.events(jobs).stream().anyMatch(e -> e.type() == JobEventType.STARTED));

            s3.close();
            Thread.sleep(20_000);
            s3 = dev.gdq.infra.s3.S3Server.start(config);

            await().atMost(Duration.ofMinutes(2)).until(() -> terminal(queue.events(jobs)).size() == 4);
            assertThat(terminal(queue.events(jobs))).allMatch(e -> e.type() == JobEventType.COMPLETED);
            assertThat(queue.deadLetters(jobs.stream().map(j -> j + "/0").toList())).isEmpty();
            ImageStore store = new ImageStore(client, services.bucket());
            for (String jobId : jobs) {
                assertThat(ImageIO.read(new ByteArrayInputStream(store.get(ObjectKeys.image(jobId, 1))))).isNotNull();
            }
        } finally {
            s3.close();
        }
    }

    private List<String> objectsUnder(String prefix) {
        MinioClient client = services.newMinioClient();
        List<String> names = new ArrayList<>();
        client.listObjects(ListObjectsArgs.builder().bucket(services.bucket()).prefix(prefix).recursive(true).build())
                .forEach(item -> {
                    try {
                        names.add(item.get().objectName());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        return names;
    }
}
