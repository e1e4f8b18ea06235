package dev.gdq.api.jobs;

import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.ObjectKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * One job's fold: task states, progress, object keys, timings, and its log. Not thread-safe: only
 * {@link JobView} touches it, under its lock.
 */
final class JobRecord {

    private static final Logger LOG = Logger.getLogger(JobRecord.class);
    private static final Pattern IMAGE_KEY = Pattern.compile("(\\d+)\\.png$");

    final String jobId;
    final String tenant;
    final GenerationRequest request;
    final String requestDigest;
    final int taskCount;
    final int imageCount;
    final Instant queuedAt;

    private final TaskState[] tasks;
    private final int[] taskImages;
    private final int[] taskImagesDone;
    private final String[] objectKeys;
    private final int[] taskSteps;
    private final long[] taskReportedAt;
    private int finishedImages;
    private Integer step;
    private Integer steps;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant cancelRequestedAt;
    private String cancelReason;
    private JobSnapshot.TaskError firstError;
    private JobState state = JobState.QUEUED;

    private final List<JobLogEntry> log = new ArrayList<>();
    private long nextSequence;
    private final List<JobListener> listeners = new ArrayList<>();

    private JobRecord(JobEvent queued) {
        this.jobId = queued.jobId();
        this.request = queued.request();
        this.tenant = queued.tenant() != null ? queued.tenant() : request.tenant();
        this.requestDigest = queued.requestDigest();
        this.taskCount = queued.taskCount();
        this.imageCount = queued.imageCount() != null ? queued.imageCount() : request.imageCount();
        this.queuedAt = queued.timestamp();
        this.tasks = new TaskState[taskCount];
        Arrays.fill(tasks, TaskState.QUEUED);
        this.taskImages = new int[taskCount];
        this.taskImagesDone = new int[taskCount];
        this.objectKeys = new String[imageCount];
        this.taskSteps = new int[taskCount];
        this.taskReportedAt = new long[taskCount];
    }

    /**
     * A job from its QUEUED event, or null when the event lacks what a job needs (request, tenant, task count, a job
     * id that can name objects): such a job was not enqueued by this api and cannot be served.
     */
    static JobRecord fromQueued(JobEvent queued) {
        if (queued.request() == null || queued.taskCount() == null || queued.taskCount() < 1
                || (queued.tenant() == null && queued.request().tenant() == null)
                || !ObjectKeys.isValidJobId(queued.jobId())) {
            return null;
        }
        JobRecord job = new JobRecord(queued);
        job.append(new JobLogEntry.Event(job.nextSequence++, queued));
        job.append(new JobLogEntry.StateChanged(job.nextSequence++, job.jobId, JobState.QUEUED, null,
                queued.timestamp()));
        return job;
    }

    JobState state() {
        return state;
    }

    String idempotencyKey() {
        return request.idempotencyKey();
    }

    Instant finishedAt() {
        return finishedAt;
    }

    /** Applies a task event (or a job-level CANCELLED); events for finished tasks or jobs are ignored. */
    void apply(JobEvent event) {
        if (state.isTerminal() || event.type() == JobEventType.QUEUED) {
            return;
        }
        if (event.taskIndex() == null) {
            if (event.type() == JobEventType.CANCELLED) {
                cancelAllUnfinished(event);
            }
            return;
        }
        int task = event.taskIndex();
        if (task < 0 || task >= taskCount) {
            LOG.warnf("job %s: event %s names task %d of %d; ignored", jobId, event.eventId(), task, taskCount);
            return;
        }
        if (tasks[task].isTerminal()) {
            return;
        }
        switch (event.type()) {
            case STARTED -> start(task, event);
            case PROGRESS -> progress(task, event);
            case COMPLETED -> complete(task, event);
            case FAILED -> fail(task, event);
            case CANCELLED -> tasks[task] = TaskState.CANCELLED;
            default -> throw new IllegalStateException("QUEUED is handled above");
        }
        append(new JobLogEntry.Event(nextSequence++, event));
        if (tasks[task].isTerminal()) {
            dropProgressOf(task);
        }
        updateState(event.timestamp());
    }

    /** Records a cancellation request; a second one, or one for a finished job, changes nothing. */
    void requestCancellation(CancellationRequest cancellation) {
        if (state.isTerminal() || cancelRequestedAt != null) {
            return;
        }
        cancelRequestedAt = cancellation.requestedAt();
        cancelReason = cancellation.reason();
        append(new JobLogEntry.CancelRequested(nextSequence++, cancellation));
        updateState(cancellation.requestedAt());
    }

    private void start(int task, JobEvent event) {
        tasks[task] = TaskState.RUNNING;
        taskImagesDone[task] = 0;
        if (event.imageCount() != null) {
            taskImages[task] = event.imageCount();
        }
        markStarted(event.timestamp());
        if (event.progress() != null) {
            reportStep(task, event.progress());
        }
    }

    private void progress(int task, JobEvent event) {
        tasks[task] = TaskState.RUNNING;
        markStarted(event.timestamp());
        JobEvent.Progress progress = event.progress();
        if (progress != null) {
            taskImagesDone[task] = Math.max(0, progress.imagesDone());
            if (progress.imagesTotal() > 0) {
                taskImages[task] = progress.imagesTotal();
            }
            reportStep(task, progress);
        }
    }

    private void complete(int task, JobEvent event) {
        tasks[task] = TaskState.COMPLETED;
        markStarted(event.timestamp());
        List<String> keys = event.objectKeys() == null ? List.of() : event.objectKeys();
        int images = event.imageCount() != null ? event.imageCount()
                : event.progress() != null && event.progress().imagesTotal() > 0 ? event.progress().imagesTotal()
                : keys.size();
        taskImages[task] = images;
        taskImagesDone[task] = images;
        for (int j = 0; j < keys.size(); j++) {
            int index = event.firstImage() != null ? event.firstImage() + j : indexInKey(keys.get(j));
            if (index < 0 || index >= imageCount) {
                LOG.warnf("job %s: object key %s of task %d is not an image of the job; ignored", jobId, keys.get(j),
                        task);
            } else if (!keys.get(j).equals(ObjectKeys.image(jobId, index))) {
                LOG.warnf("job %s: object key %s of task %d is not the key of image %d; not linked", jobId,
                        keys.get(j), task, index);
            } else {
                objectKeys[index] = keys.get(j);
            }
        }
        finishedImages += images;
        if (event.progress() != null) {
            reportStep(task, event.progress());
        }
    }

    private void fail(int task, JobEvent event) {
        tasks[task] = TaskState.FAILED;
        if (firstError == null) {
            firstError = event.error() == null
                    ? new JobSnapshot.TaskError(task, "UNKNOWN", "the worker gave no reason")
                    : new JobSnapshot.TaskError(task, event.error().code(), event.error().message());
        }
    }

    private void cancelAllUnfinished(JobEvent event) {
        for (int task = 0; task < taskCount; task++) {
            if (!tasks[task].isTerminal()) {
                tasks[task] = TaskState.CANCELLED;
            }
        }
        append(new JobLogEntry.Event(nextSequence++, event));
        log.removeIf(entry -> entry instanceof JobLogEntry.Event e && e.event().type() == JobEventType.PROGRESS);
        updateState(event.timestamp());
    }

    private void markStarted(Instant at) {
        if (startedAt == null) {
            startedAt = at;
        }
    }

    /** The latest step report of {@code task}; the job's current step is that of its latest running report. */
    private void reportStep(int task, JobEvent.Progress progress) {
        step = progress.step();
        steps = progress.steps();
        taskSteps[task] = progress.step();
        taskReportedAt[task] = nextSequence;
    }

    /** The step of the most recently reported running task, else the latest step reported by any task. */
    private Integer currentStep() {
        int latest = -1;
        for (int task = 0; task < taskCount; task++) {
            if (tasks[task] == TaskState.RUNNING && taskReportedAt[task] > 0
                    && (latest < 0 || taskReportedAt[task] > taskReportedAt[latest])) {
                latest = task;
            }
        }
        return latest >= 0 && !state.isTerminal() ? Integer.valueOf(taskSteps[latest]) : step;
    }

    private static int indexInKey(String key) {
        Matcher matcher = IMAGE_KEY.matcher(key);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** Keeps the log short: a finished task's PROGRESS entries tell nothing its terminal entry does not. */
    private void dropProgressOf(int task) {
        log.removeIf(entry -> entry instanceof JobLogEntry.Event e && e.event().type() == JobEventType.PROGRESS
                && e.event().taskIndex() != null && e.event().taskIndex() == task);
    }

    private void updateState(Instant at) {
        JobState next = derivedState();
        if (next == state) {
            return;
        }
        JobState previous = state;
        state = next;
        if (next.isTerminal()) {
            finishedAt = at;
            if (next == JobState.COMPLETED) {
                step = request.sampler().steps();
                steps = request.sampler().steps();
            }
        }
        append(new JobLogEntry.StateChanged(nextSequence++, jobId, next, previous, at));
        if (next.isTerminal()) {
            finishListeners();
        }
    }

    /** The state machine of the package documentation. */
    private JobState derivedState() {
        int failed = 0;
        int cancelled = 0;
        int finished = 0;
        boolean started = false;
        for (TaskState task : tasks) {
            switch (task) {
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case RUNNING -> started = true;
                default -> {
                }
            }
            if (task.isTerminal()) {
                finished++;
            }
        }
        if (finished == taskCount) {
            return failed > 0 ? JobState.FAILED : cancelled > 0 ? JobState.CANCELLED : JobState.COMPLETED;
        }
        if (cancelRequestedAt != null) {
            return JobState.CANCELLING;
        }
        return started || finished > 0 ? JobState.RUNNING : JobState.QUEUED;
    }

    private void append(JobLogEntry entry) {
        log.add(entry);
        for (JobListener listener : List.copyOf(listeners)) {
            listener.onEntry(entry);
        }
    }

    /** Replays the log after {@code afterSequence}, then follows the job unless it is terminal. */
    Runnable follow(long afterSequence, JobListener listener) {
        for (JobLogEntry entry : log) {
            if (entry.sequence() > afterSequence) {
                listener.onEntry(entry);
            }
        }
        if (state.isTerminal()) {
            listener.onFinished();
            return () -> {
            };
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Ends every follower: the job is terminal or forgotten. */
    void finishListeners() {
        List<JobListener> ending = List.copyOf(listeners);
        listeners.clear();
        ending.forEach(JobListener::onFinished);
    }

    JobSnapshot snapshot(boolean withImages) {
        int queued = 0;
        int running = 0;
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        int runningImagesDone = 0;
        for (int task = 0; task < taskCount; task++) {
            switch (tasks[task]) {
                case QUEUED -> queued++;
                case RUNNING -> {
                    running++;
                    runningImagesDone += taskImagesDone[task];
                }
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                default -> throw new IllegalStateException("unknown task state " + tasks[task]);
            }
        }
        List<JobSnapshot.ImageRef> images = new ArrayList<>();
        if (withImages) {
            for (int index = 0; index < objectKeys.length; index++) {
                if (objectKeys[index] != null) {
                    images.add(new JobSnapshot.ImageRef(index, objectKeys[index]));
                }
            }
        }
        JobSnapshot.Progress progress = new JobSnapshot.Progress(Math.min(imageCount, finishedImages
                + runningImagesDone), imageCount, currentStep(), steps, queued, running, completed, failed,
                cancelled);
        JobSnapshot.Timings timings = new JobSnapshot.Timings(queuedAt, startedAt, finishedAt, cancelRequestedAt);
        long lastSequence = log.isEmpty() ? -1 : log.get(log.size() - 1).sequence();
        return new JobSnapshot(jobId, tenant, state, request, requestDigest, taskCount, imageCount, progress, images,
                timings, firstError, cancelReason, lastSequence);
    }
}
