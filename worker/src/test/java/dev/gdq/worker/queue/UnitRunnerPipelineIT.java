package dev.gdq.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.RealServices;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.ObjectKeys;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.Topics;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.service.WorkerMetrics;
import dev.gdq.worker.storage.Backoff;
import dev.gdq.worker.storage.ImageStore;
import dev.gdq.worker.testing.QueueHarness;
import dev.gdq.worker.testing.ReferenceModel;
import dev.gdq.worker.testing.Requests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sampler runs ahead of the store by at most {@link UnitRunner#BATCHES_STORING} batches: a unit's next batch
 * samples while the previous one uploads, and the unit's sampling ends before its uploads do. The store is the
 * real S3 server; the upload threads are held back by a gate so that each stage can be seen.
 */
@RealServices
class UnitRunnerPipelineIT {

    private static final int BATCH = 2;
    private static final int IMAGES = 4 * BATCH;

    private final LocalServices services;
    private final ExecutorService samplingThread = Executors.newSingleThreadExecutor();
    private final ExecutorService uploadThreads = Executors.newFixedThreadPool(4);
    private final CancellationTracker noCancellations;

    UnitRunnerPipelineIT(LocalServices services) {
        this.services = services;
        noCancellations = new CancellationTracker(Map.of("bootstrap.servers", services.kafkaBootstrapServers()),
                "w-pipeline");
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        samplingThread.shutdownNow();
        uploadThreads.shutdownNow();
        noCancellations.close();
    }

    /** Holds store calls until released, then runs them on real threads. */
    private final class UploadGate implements Executor {
        private final LinkedBlockingDeque<Runnable> held = new LinkedBlockingDeque<>();
        private volatile boolean open;

        @Override
        public void execute(Runnable call) {
            if (open) {
                uploadThreads.execute(call);
            } else {
                held.add(call);
            }
        }

        int held() {
            return held.size();
        }

        void release(int calls) {
            for (int i = 0; i < calls; i++) {
                uploadThreads.execute(held.remove());
            }
        }

        void open() {
            open = true;
            for (Runnable call; (call = held.poll()) != null; ) {
                uploadThreads.execute(call);
            }
        }
    }

    @Test
    void theNextBatchSamplesWhileThePreviousOneUploadsAndAtMostTwoWaitForTheStore() throws Exception {
        UploadGate gate = new UploadGate();
        ImageStore store = new ImageStore(services.newMinioClient(), services.bucket());
        String jobId = QueueHarness.newJobId();
        GenerationRequest request = Requests.request(List.of("sneaker"), IMAGES, 7, SamplerSpec.of("ddim", 2),
                GuidanceSpec.cfg(new ScheduleSpec.Constant(2)));
        SamplingPlan plan = Requests.plan(request);
        PendingTask task = new PendingTask(new TopicPartition(Topics.REQUESTS, 0), 0,
                new GenerationTask(SchemaVersion.V1, jobId, 0, 1, 0, IMAGES, request, Instant.now()), plan,
                System.nanoTime());
        ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
        UnitRunner runner = new UnitRunner(Map.of("fashion-mnist", new ImageGenerator(ReferenceModel.get())), store,
                gate, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), (attempt, delay, failure) -> { }),
                noCancellations,
                new Events("w-pipeline", Clock.systemUTC()), outbox::add, BATCH, Duration.ofSeconds(10),
                FaultInjector.NONE, () -> true, "w-pipeline", Clock.systemUTC(), WorkerMetrics.discarding());

        Future<CompletableFuture<List<TaskOutcome>>> sampling = samplingThread.submit(
                () -> runner.run(new WorkUnit(plan.batchKey(), List.of(task))));

        // batches 1 and 2 are sampled and handed to the store; batch 3 waits for one of them to be stored
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.held() == 2 * BATCH);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> gate.held() == 2 * BATCH && !sampling.isDone());

        gate.release(BATCH); // batch 1 stored: batch 3 samples
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.held() == 2 * BATCH);
        assertThat(sampling.isDone()).as("sampling ended with batch 4 still to sample").isFalse();
        gate.release(BATCH); // batch 2 stored: batch 4, the last, samples

        CompletableFuture<List<TaskOutcome>> stored = sampling.get();
        assertThat(gate.held()).as("batches 3 and 4 still wait for the store").isEqualTo(2 * BATCH);
        assertThat(stored).as("the unit's storing stage, once its sampling has ended").isNotDone();
        assertThat(store.findManifest(jobId, 0)).isEmpty();

        gate.open();
        List<TaskOutcome> outcomes = stored.get();
        List<String> keys = IntStream.range(0, IMAGES).mapToObj(i -> ObjectKeys.image(jobId, i)).toList();
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.type()).isEqualTo(JobEventType.COMPLETED);
            assertThat(outcome.objectKeys()).containsExactlyElementsOf(keys);
        });
        List<byte[]> images = new ArrayList<>();
        for (String key : keys) {
            images.add(store.get(key));
        }
        assertThat(images).allSatisfy(png -> assertThat(png).startsWith(0x89, 'P', 'N', 'G'));
        assertThat(store.findManifest(jobId, 0)).hasValueSatisfying(
                manifest -> assertThat(manifest.objectKeys()).containsExactlyElementsOf(keys));
    }
}
