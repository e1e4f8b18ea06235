package dev.gdq.api.jobs;

import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.SchemaVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events of one job of the view tests: {@code tasks} tasks of 4 images, 20 steps, times counting up from t0. */
final class Events {

    static final Instant T0 = Instant.parse("2026-11-23T16:20:00Z");
    static final int PER_TASK = 4;
    static final int STEPS = 20;

    final String jobId;
    final String tenant;
    final int images;
    final int tasks;
    private int tick;

    Events(String jobId, String tenant, int images) {
        this.jobId = jobId;
        this.tenant = tenant;
        this.images = images;
        this.tasks = (images + PER_TASK - 1) / PER_TASK;
    }

    GenerationRequest request(String idempotencyKey) {
        return new GenerationRequest(1, "fashion-mnist", List.of(ClassRef.named("bag")), null, images, 7L,
                SamplerSpec.of("ddim", STEPS), null, tenant, idempotencyKey, 5, null);
    }

    JobEvent queued() {
        return queued(null, "digest-" + jobId);
    }

    JobEvent queued(String idempotencyKey, String digest) {
        return new JobEvent(SchemaVersion.V1, id(), jobId, JobEventType.QUEUED, at(), tenant, null, tasks, images, null,
                null, null, null, null, null, request(idempotencyKey), digest);
    }

    JobEvent started(int task) {
        return task(JobEventType.STARTED, task, new JobEvent.Progress(0, count(task), 0, STEPS), null, null);
    }

    JobEvent progress(int task, int imagesDone, int step) {
        return task(JobEventType.PROGRESS, task, new JobEvent.Progress(imagesDone, count(task), step, STEPS), null,
                null);
    }

    JobEvent completed(int task) {
        List<String> keys = new ArrayList<>();
        for (int j = 0; j < count(task); j++) {
            keys.add("jobs/" + jobId + "/" + (first(task) + j) + ".png");
        }
        return task(JobEventType.COMPLETED, task, new JobEvent.Progress(count(task), count(task), STEPS, STEPS), keys,
                null);
    }

    JobEvent failed(int task) {
        return task(JobEventType.FAILED, task, null, null, new JobEvent.ErrorInfo("INTERNAL", "boom"));
    }

    JobEvent cancelled(int task) {
        return task(JobEventType.CANCELLED, task, null, null, null);
    }

    JobEvent jobCancelled() {
        return new JobEvent(SchemaVersion.V1, id(), jobId, JobEventType.CANCELLED, at(), tenant, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    CancellationRequest cancellation() {
        return new CancellationRequest(SchemaVersion.V1, jobId, at(), tenant, "user request");
    }

    int first(int task) {
        return task * PER_TASK;
    }

    int count(int task) {
        return Math.min(PER_TASK, images - first(task));
    }

    Instant at() {
        return T0.plusSeconds(tick++);
    }

    private JobEvent task(JobEventType type, int task, JobEvent.Progress progress, List<String> keys,
                          JobEvent.ErrorInfo error) {
        return new JobEvent(SchemaVersion.V1, id(), jobId, type, at(), tenant, task, null, count(task), first(task),
                "worker-0", progress, keys, error, null, null, null);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
