package dev.gdq.worker.queue;

import dev.gdq.protocol.DeadLetterReason;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.ObjectKeys;
import dev.gdq.protocol.WireCodec;
import dev.gdq.scheduler.plan.PlanningResult;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.scheduler.plan.Violation;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides what a record of {@code generation.requests} is: a task this worker can run, or a poison record for the
 * dead-letter topic with the reason and the field that is wrong. Never throws for bad input.
 */
final class TaskIntake {

    /** The verdict on one record. */
    sealed interface Verdict {
    }

    /** A runnable task and its plan. */
    record Admitted(GenerationTask task, dev.gdq.scheduler.plan.SamplingPlan plan) implements Verdict {
    }

    /** A poison record; {@code task} is set when the value was a readable task (its job can then be failed). */
    record Rejected(DeadLetterReason reason, String detail, GenerationTask task) implements Verdict {
    }

    private final Map<String, ModelManifest> servedModels;
    private final SamplingPlanner planner;

    TaskIntake(Map<String, ModelManifest> servedModels, SamplingPlanner planner) {
        this.servedModels = Map.copyOf(servedModels);
        this.planner = planner;
    }

    Verdict admit(byte[] value) {
        GenerationTask task;
        try {
            task = WireCodec.read(value, GenerationTask.class);
        } catch (MalformedMessageException e) {
            return new Rejected(e.reason(), e.getMessage(), null);
        }
        GenerationRequest request = task.request();
        if (!servedModels.containsKey(request.model())) {
            return new Rejected(DeadLetterReason.UNKNOWN_MODEL, "field 'request.model': model '" + request.model()
                    + "' is not served here; served: " + servedModels.keySet(), task);
        }
        PlanningResult result = planner.plan(request, servedModels);
        if (!result.valid()) {
            return new Rejected(DeadLetterReason.INVALID_SPEC, result.violations().stream()
                    .map(v -> "field 'request." + v.field() + "': " + stripField(v)).collect(Collectors.joining("; ")), task);
        }
        String shapeProblem = shapeProblem(task, result.orElseThrow().imageCount());
        if (shapeProblem != null) {
            return new Rejected(DeadLetterReason.INVALID_SPEC, shapeProblem, task);
        }
        return new Admitted(task, result.orElseThrow());
    }

    private static String stripField(Violation v) {
        String message = v.message();
        return message.startsWith(v.field()) ? message.substring(v.field().length()).replaceFirst("^[:\\s]+", "") : message;
    }

    private static String shapeProblem(GenerationTask task, int requestImages) {
        if (task.request().seed() == null) {
            return "field 'request.seed': a task's request must be resolved, with a seed";
        }
        if (task.imageCount() < 1) {
            return "field 'imageCount': must be at least 1, was " + task.imageCount();
        }
        if (task.firstImage() < 0 || (long) task.firstImage() + task.imageCount() > requestImages) {
            return "field 'firstImage': images [" + task.firstImage() + ", " + (task.firstImage() + task.imageCount())
                    + ") fall outside the request's " + requestImages + " images";
        }
        if (task.taskIndex() < 0 || task.taskIndex() >= task.taskCount()) {
            return "field 'taskIndex': must be in 0.." + (task.taskCount() - 1) + ", was " + task.taskIndex();
        }
        if (!ObjectKeys.isValidJobId(task.jobId())) {
            return "field 'jobId': " + ObjectKeys.JOB_ID_RULE + " (it names the job's objects), was "
                    + WireCodec.writeString(task.jobId());
        }
        return null;
    }
}
