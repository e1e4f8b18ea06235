package dev.gdq.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * The faults, each as one run: start workers, enqueue a job (and poison records) straight onto the requests topic,
 * inject the fault once about a third of the tasks have ended, wait for the job to end, and check the topics and the
 * bucket. Runs share one {@link FaultBed}; each has its own job, consumer group and workers.
 */
public final class FaultScenarios {

    /** What a fault did: when the system was whole again, and what was seen. */
    record Injected(Instant faultEnded, String detail) {
    }

    /** A fault injected mid-run, with the job's objects as they were just before it. */
    private record MidRun(Injected injected, Map<String, Instant> storedBefore) {
    }

    /** A fault, injected while the job runs. */
    @FunctionalInterface
    interface Fault {
        Injected inject(RunContext run) throws Exception;
    }

    /** What a fault can act on. */
    record RunContext(FaultBed bed, List<WorkerProcess> workers, EventWatch watch, Runnable startReplacement) {
    }

    /** Tasks of a job: as the api splits them. */
    static final int IMAGES_PER_TASK = 16;
    private static final int BATCH_SIZE = 32;
    private static final double FAULT_AT_FRACTION = 0.3;

    private final FaultBed bed;
    private final WorkerDistribution distribution;
    private final Duration jobTimeout;
    private final Path logDirectory;

    public FaultScenarios(FaultBed bed, WorkerDistribution distribution, Duration jobTimeout, Path logDirectory) {
        this.bed = bed;
        this.distribution = distribution;
        this.jobTimeout = jobTimeout;
        this.logDirectory = logDirectory;
    }

    /** SIGKILL of the only worker while a batch is in flight, and a replacement with the same worker id. */
    public FaultFigures killWorkerMidBatch(int images, int steps) throws Exception {
        return run("kill -9 of the worker mid-batch, replacement started", "kill", images, steps, 0, 1, run -> {
            if (!Waits.until(() -> run.watch().tasksInFlight() > 0, Duration.ofSeconds(60))) {
                throw new IllegalStateException("no batch in flight to kill");
            }
            WorkerProcess victim = run.workers().get(0);
            int inFlight = run.watch().tasksInFlight();
            victim.kill();
            Instant killed = Instant.now();
            run.startReplacement().run();
            return new Injected(killed, "SIGKILL with " + inFlight + " tasks in flight; replacement started at once");
        });
    }

    /** The broker stopped (controlled shutdown) and started again at once on the same ports and data. */
    public FaultFigures restartBroker(int images, int steps) throws Exception {
        return run("broker restart", "broker-restart", images, steps, 0, 1, run -> {
            Duration away = run.bed().restartBroker();
            return new Injected(Instant.now(), "broker away " + seconds(away));
        });
    }

    /** The broker stopped for {@code down}, then started again. */
    public FaultFigures brokerDown(int images, int steps, Duration down) throws Exception {
        return run("broker down " + down.toSeconds() + " s", "broker-down", images, steps, 0, 1, run -> {
            Instant stopping = Instant.now();
            run.bed().stopBroker();
            Waits.hold(down);
            run.bed().startBroker();
            return new Injected(Instant.now(), "broker away " + seconds(Duration.between(stopping, Instant.now())));
        });
    }

    /** The S3 server stopped for {@code down}, then started again on the same data. */
    public FaultFigures s3Down(int images, int steps, Duration down) throws Exception {
        return run("S3 stopped " + down.toSeconds() + " s", "s3-down", images, steps, 0, 1, run -> {
            Instant stopping = Instant.now();
            run.bed().stopS3();
            Waits.hold(down);
            run.bed().startS3();
            return new Injected(Instant.now(), "S3 away " + seconds(Duration.between(stopping, Instant.now())));
        });
    }

    /** {@code poison} poison records interleaved with the job's tasks on the requests topic. */
    public FaultFigures poison(int images, int steps, int poison) throws Exception {
        return run(poison + " poison records interleaved", "poison", images, steps, poison, 1, null);
    }

    /** A large job on the trivial model, no fault: nothing lost or doubled at scale. */
    public FaultFigures scale(int images, int steps, int workers) throws Exception {
        return run(images + " images, " + workers + " workers, no fault", "scale", images, steps, 0, workers, null);
    }

    private FaultFigures run(String fault, String name, int images, int steps, int poison, int workerCount,
                             Fault injection) throws Exception {
        String runId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Job job = new Job("job-faults-" + runId, images, IMAGES_PER_TASK);
        FaultChecker checker = new FaultChecker(bed.services());
        List<WorkerProcess> workers = new ArrayList<>();
        try (Workload workload = new Workload(bed.services())) {
            String group = workload.newGroupAtEnd(runId);
            Map<TopicPartition, Long> deadLettersFrom = checker.deadLetterEnds();
            Map<TopicPartition, Long> eventsFrom = checker.eventEnds();
            for (int w = 0; w < workerCount; w++) {
                workers.add(startWorker(group, runId + "-w" + w));
            }
            try (EventWatch watch = new EventWatch(bed.services(), job.jobId(), eventsFrom)) {
                Instant enqueued = Instant.now();
                workload.enqueue(job, steps, poison);
                MidRun midRun = injection == null ? null : injectMidRun(injection, fault, job, checker,
                        new RunContext(bed, workers, watch, () -> workers.add(startWorker(group, runId + "-w0"))));
                Injected injected = midRun == null ? null : midRun.injected();
                boolean ended = Waits.until(() -> watch.tasksEnded() >= job.taskCount()
                        || workers.stream().noneMatch(WorkerProcess::isAlive), jobTimeout)
                        && watch.tasksEnded() >= job.taskCount();
                // dead letters of poison behind the last task of a partition commit in a later transaction
                Waits.until(() -> poison == 0 || checker.deadLetterCount(deadLettersFrom) >= poison,
                        Duration.ofSeconds(30));
                FaultFigures figures = checker.check(fault, job, poison, deadLettersFrom,
                        midRun == null ? Map.of() : midRun.storedBefore());
                Duration recovery = injected == null ? null : watch.firstTerminalAfter(injected.faultEnded())
                        .map(at -> Duration.between(injected.faultEnded(), at)).orElse(null);
                Duration runTime = watch.lastTerminal().map(at -> Duration.between(enqueued, at)).orElse(null);
                String detail = (injected == null ? "" : injected.detail())
                        + (ended ? "" : (injected == null ? "" : "; ") + "job not ended within " + seconds(jobTimeout)
                        + " or every worker died (logs: " + logDirectory.toAbsolutePath() + ")");
                return figures.withTimes(recovery, runTime, detail);
            }
        } finally {
            workers.forEach(WorkerProcess::stop);
        }
    }

    /** Injects the fault once about a third of the job's tasks have ended. */
    private MidRun injectMidRun(Fault injection, String fault, Job job, FaultChecker checker, RunContext run)
            throws Exception {
        int due = (int) Math.ceil(job.taskCount() * FAULT_AT_FRACTION);
        if (!Waits.until(() -> run.watch().tasksEnded() >= due
                || run.workers().stream().noneMatch(WorkerProcess::isAlive), jobTimeout)
                || run.watch().tasksEnded() < due) {
            throw new IllegalStateException(fault + ": fewer than " + due
                    + " tasks ended before the fault (worker logs: " + logDirectory.toAbsolutePath() + ")");
        }
        Map<String, Instant> storedBefore = checker.storedObjects(job);
        return new MidRun(injection.inject(run), storedBefore);
    }

    private WorkerProcess startWorker(String group, String workerId) {
        return WorkerProcess.start(distribution, bed.services(), group, workerId, BATCH_SIZE, logDirectory);
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
