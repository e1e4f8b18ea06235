package dev.gdq.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.bootstrap.Bootstrap;
import dev.gdq.infra.bootstrap.TopicLayout;
import dev.gdq.infra.kafka.KafkaBroker;
import dev.gdq.infra.kafka.KafkaBrokerConfig;
import dev.gdq.infra.s3.S3Server;
import dev.gdq.infra.s3.S3ServerConfig;
import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.worker.service.WorkerService;
import dev.gdq.worker.service.WorkerSettings;
import dev.gdq.worker.testing.QueueHarness;
import dev.gdq.worker.testing.ReferenceModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task loop across a broker freeze (SIGSTOP) longer than two producer calls may block: a commit or abort that
 * times out is retried until the broker is back, the worker keeps running, and every task ends with exactly one
 * committed terminal event. A broker of its own, since this test freezes it.
 */
class BrokerFreezeIT {

    /** Longer than two producer calls may block: an offset send and then the abort both time out. */
    private static final Duration OUTAGE = TaskLoopFactory.PRODUCER_MAX_BLOCK.multipliedBy(2).plusSeconds(5);
    private static final Duration WITHIN = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    private KafkaBroker broker;
    private S3Server s3;
    private QueueHarness queue;
    private WorkerService worker;

    @BeforeEach
    void startServers() throws Exception {
        s3 = S3Server.start(S3ServerConfig.onFreePort(directory.resolve("s3")));
        broker = KafkaBroker.start(KafkaBrokerConfig.onFreePorts(directory.resolve("kafka")));
        LocalServices services = new LocalServices(broker.bootstrapServers(), s3.endpoint(),
                S3ServerConfig.DEFAULT_ACCESS_KEY, S3ServerConfig.DEFAULT_SECRET_KEY, LocalServices.DEFAULT_BUCKET);
        Bootstrap.run(services, TopicLayout.DEFAULT);
        queue = new QueueHarness(services);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (worker != null) {
            worker.close();
        }
        queue.close();
        broker.close();
        s3.close();
    }

    @Test
    void commitsAndAbortsTimingOutDuringABrokerFreezeAreRetriedAndEveryTaskEndsOnce() throws Exception {
        WorkerSettings base = queue.settings("w-outage");
        WorkerSettings settings = new WorkerSettings(base.workerId(), base.kafkaBootstrapServers(), base.groupId(),
                List.of(ReferenceModel.repoRoot().resolve("models/trivial")), false, 8, Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofSeconds(60), base.s3Endpoint(), base.s3AccessKey(),
                base.s3SecretKey(), base.s3Bucket(), base.s3Region(), Duration.ofMillis(200), Duration.ofSeconds(2));
        worker = WorkerService.start(settings);
        String jobId = QueueHarness.newJobId();
        int tasks = queue.submit(jobId, trivialRequest(200), 4).size();
        await().atMost(WITHIN).until(() -> terminalCounts(jobId).size() >= 3);
        assertThat(terminalCounts(jobId)).as("tasks still to do when the broker freezes").hasSizeLessThan(tasks - 10);

        signal(broker, "STOP");
        Thread.sleep(OUTAGE.toMillis()); // how long the fault lasts, not a synchronisation
        signal(broker, "CONT");

        await().atMost(WITHIN).until(() -> terminalCounts(jobId).size() == tasks || !worker.isRunning());
        assertThat(worker.failure()).as("the task loop survived the outage").isNull();
        assertThat(worker.isRunning()).isTrue();
        Map<Integer, Long> counts = terminalCounts(jobId);
        assertThat(counts).hasSize(tasks);
        assertThat(counts.values()).as("terminal events per task").containsOnly(1L);
    }

    /** A frozen broker keeps its connections open and answers nothing: every call waits until it times out. */
    private static void signal(KafkaBroker broker, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(broker.process().pid()))
                .inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    private Map<Integer, Long> terminalCounts(String jobId) {
        return queue.events(jobId).stream().filter(e -> e.type().isTerminal())
                .collect(Collectors.groupingBy(JobEvent::taskIndex, Collectors.counting()));
    }

    /** Many small tasks of a 100-step run on the trivial model: some finish while the broker is away. */
    private static GenerationRequest trivialRequest(int images) {
        return new GenerationRequest(SchemaVersion.V1, "trivial", List.of(ClassRef.named("bag")), null, images, 11L,
                SamplerSpec.of("ddim", 100), null, "test", null, null, null);
    }
}
