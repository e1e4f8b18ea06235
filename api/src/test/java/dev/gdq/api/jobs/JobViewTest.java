package dev.gdq.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.JobEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fold and the state machine of the job view, without Kafka. */
class JobViewTest {

    private static final String TENANT = "team-a";

    private final JobView view = new JobView();

    /** A job of 8 images (two tasks) and the events that lead to {@code expected}. */
    static Stream<Arguments> stateMachine() {
        return Stream.of(
                Arguments.of("only queued", (Function<Events, List<Object>>) e -> List.of(), JobState.QUEUED),
                Arguments.of("first start", f(e -> List.of(e.started(0))), JobState.RUNNING),
                Arguments.of("progress without start", f(e -> List.of(e.progress(1, 1, 5))), JobState.RUNNING),
                Arguments.of("one of two completed", f(e -> List.of(e.started(0), e.completed(0))), JobState.RUNNING),
                Arguments.of("both completed", f(e -> List.of(e.started(0), e.completed(0), e.started(1),
                        e.completed(1))), JobState.COMPLETED),
                Arguments.of("completed out of order", f(e -> List.of(e.started(1), e.completed(1), e.started(0),
                        e.completed(0))), JobState.COMPLETED),
                Arguments.of("one failed, one running", f(e -> List.of(e.started(0), e.failed(0), e.started(1))),
                        JobState.RUNNING),
                Arguments.of("one failed, one completed", f(e -> List.of(e.failed(0), e.completed(1))),
                        JobState.FAILED),
                Arguments.of("cancel requested while queued", f(e -> List.of(e.cancellation())), JobState.CANCELLING),
                Arguments.of("cancel requested while running", f(e -> List.of(e.started(0), e.cancellation())),
                        JobState.CANCELLING),
                Arguments.of("cancelled tasks after request", f(e -> List.of(e.started(0), e.cancellation(),
                        e.cancelled(0), e.cancelled(1))), JobState.CANCELLED),
                Arguments.of("one completed, one cancelled", f(e -> List.of(e.cancellation(), e.completed(0),
                        e.cancelled(1))), JobState.CANCELLED),
                Arguments.of("failed wins over cancelled", f(e -> List.of(e.cancellation(), e.failed(0),
                        e.cancelled(1))), JobState.FAILED),
                Arguments.of("job-level cancelled", f(e -> List.of(e.started(0), e.jobCancelled())),
                        JobState.CANCELLED),
                Arguments.of("events after the end are ignored", f(e -> List.of(e.completed(0), e.completed(1),
                        e.failed(0), e.started(1))), JobState.COMPLETED),
                Arguments.of("cancellation after the end is ignored", f(e -> List.of(e.completed(0), e.completed(1),
                        e.cancellation())), JobState.COMPLETED),
                Arguments.of("second terminal event of a task is ignored", f(e -> List.of(e.completed(0),
                        e.failed(0), e.completed(1))), JobState.COMPLETED));
    }

    private static Function<Events, List<Object>> f(Function<Events, List<Object>> events) {
        return events;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateMachine")
    void stateFollowsTheTasks(String name, Function<Events, List<Object>> events, JobState expected) {
        Events job = new Events("job-1", TENANT, 8);
        view.apply(job.queued());
        events.apply(job).forEach(this::apply);

        assertThat(view.find(TENANT, "job-1")).get().extracting(JobSnapshot::state).isEqualTo(expected);
    }

    @Test
    void progressCountsFinishedAndRunningImages() {
        Events job = new Events("job-1", TENANT, 10);
        view.apply(job.queued());
        view.apply(job.started(0));
        view.apply(job.completed(0));
        view.apply(job.started(1));
        view.apply(job.progress(1, 2, 12));

        JobSnapshot.Progress progress = view.find(TENANT, "job-1").orElseThrow().progress();
        assertThat(progress.imagesDone()).isEqualTo(6);
        assertThat(progress.imagesTotal()).isEqualTo(10);
        assertThat(progress.step()).isEqualTo(12);
        assertThat(progress.steps()).isEqualTo(Events.STEPS);
        assertThat(progress.tasksCompleted()).isEqualTo(1);
        assertThat(progress.tasksRunning()).isEqualTo(1);
        assertThat(progress.tasksQueued()).isEqualTo(1);
    }

    @Test
    void currentStepIsThatOfTheLatestRunningReport() {
        Events job = new Events("job-1", TENANT, 12);
        view.apply(job.queued());
        view.apply(job.progress(0, 0, 13));
        view.apply(job.progress(1, 0, 4));
        view.apply(job.completed(1));
        view.apply(job.started(2));
        view.apply(job.completed(2));

        assertThat(view.find(TENANT, "job-1").orElseThrow().progress().step()).isEqualTo(13);
    }

    @Test
    void completedJobListsEveryImageInIndexOrderWithTimings() {
        Events job = new Events("job-1", TENANT, 6);
        JobEvent queued = job.queued();
        view.apply(queued);
        JobEvent startedOne = job.started(1);
        view.apply(startedOne);
        view.apply(job.completed(1));
        view.apply(job.started(0));
        JobEvent last = job.completed(0);
        view.apply(last);

        JobSnapshot snapshot = view.find(TENANT, "job-1").orElseThrow();
        assertThat(snapshot.images()).extracting(JobSnapshot.ImageRef::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(snapshot.images().get(5).objectKey()).isEqualTo("jobs/job-1/5.png");
        assertThat(snapshot.timings().queuedAt()).isEqualTo(queued.timestamp());
        assertThat(snapshot.timings().startedAt()).isEqualTo(startedOne.timestamp());
        assertThat(snapshot.timings().finishedAt()).isEqualTo(last.timestamp());
        assertThat(snapshot.progress().imagesDone()).isEqualTo(6);
    }

    @Test
    void failedJobReportsTheFirstTaskError() {
        Events job = new Events("job-1", TENANT, 8);
        view.apply(job.queued());
        view.apply(job.failed(1));
        view.apply(job.completed(0));

        JobSnapshot snapshot = view.find(TENANT, "job-1").orElseThrow();
        assertThat(snapshot.state()).isEqualTo(JobState.FAILED);
        assertThat(snapshot.error()).isEqualTo(new JobSnapshot.TaskError(1, "INTERNAL", "boom"));
        assertThat(snapshot.images()).hasSize(4);
    }

    @Test
    void cancellationSeenBeforeItsJobIsAppliedWhenTheJobArrives() {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.cancellation());
        view.apply(job.queued());

        JobSnapshot snapshot = view.find(TENANT, "job-1").orElseThrow();
        assertThat(snapshot.state()).isEqualTo(JobState.CANCELLING);
        assertThat(snapshot.cancelReason()).isEqualTo("user request");
        assertThat(snapshot.timings().cancelRequestedAt()).isNotNull();
    }

    @Test
    void queuedEventAppliedTwiceChangesNothing() {
        Events job = new Events("job-1", TENANT, 4);
        JobEvent queued = job.queued();
        view.apply(queued);
        view.apply(job.started(0));
        view.apply(queued);

        assertThat(view.find(TENANT, "job-1").orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void anotherTenantsJobDoesNotExist() {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.queued());

        assertThat(view.find("team-b", "job-1")).isEmpty();
        assertThat(view.follow("team-b", "job-1", -1, new Recorder())).isEmpty();
        assertThat(view.list("team-b", Set.of(), null, 10).jobs()).isEmpty();
    }

    @Test
    void eventsOfUnknownJobsAreCountedAndDropped() {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.started(0));

        assertThat(view.size()).isZero();
        assertThat(view.unknownJobEvents()).isEqualTo(1);
    }

    @Test
    void idempotencyKeysAreScopedToTheTenant() {
        view.apply(new Events("job-1", TENANT, 4).queued("key-1", "d1"));
        view.apply(new Events("job-2", "team-b", 4).queued("key-1", "d2"));

        assertThat(view.findByIdempotencyKey(TENANT, "key-1")).get().extracting(JobSnapshot::jobId)
                .isEqualTo("job-1");
        assertThat(view.findByIdempotencyKey("team-b", "key-1")).get().extracting(JobSnapshot::requestDigest)
                .isEqualTo("d2");
        assertThat(view.findByIdempotencyKey(TENANT, "key-2")).isEmpty();
    }

    @Test
    void listIsNewestFirstPagedAndFilteredByState() {
        for (int i = 1; i <= 5; i++) {
            view.apply(new Events("job-" + i, TENANT, 4).queued());
        }
        Events third = new Events("job-3", TENANT, 4);
        view.apply(third.completed(0));

        JobPage first = view.list(TENANT, Set.of(), null, 2);
        JobPage second = view.list(TENANT, Set.of(), first.lastJobId(), 2);
        JobPage last = view.list(TENANT, Set.of(), second.lastJobId(), 2);
        assertThat(first.jobs()).extracting(JobSnapshot::jobId).containsExactly("job-5", "job-4");
        assertThat(second.jobs()).extracting(JobSnapshot::jobId).containsExactly("job-3", "job-2");
        assertThat(last.jobs()).extracting(JobSnapshot::jobId).containsExactly("job-1");
        assertThat(last.lastJobId()).isNull();
        assertThat(view.list(TENANT, EnumSet.of(JobState.COMPLETED), null, 10).jobs())
                .extracting(JobSnapshot::jobId).containsExactly("job-3");
        assertThat(first.jobs()).allSatisfy(job -> assertThat(job.images()).isEmpty());
    }

    @Test
    void followReplaysTheLogThenFollowsUntilTheEnd() {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.queued());
        view.apply(job.started(0));
        Recorder recorder = new Recorder();

        view.follow(TENANT, "job-1", -1, recorder).orElseThrow();
        view.apply(job.progress(0, 1, 10));
        view.apply(job.completed(0));

        assertThat(recorder.names()).containsExactly("QUEUED", "state:QUEUED", "STARTED", "state:RUNNING",
                "PROGRESS", "COMPLETED", "state:COMPLETED");
        assertThat(recorder.finished).isTrue();
    }

    @Test
    void replayOfAFinishedJobDropsProgressAndEndsAtOnce() {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.queued());
        view.apply(job.started(0));
        view.apply(job.progress(0, 2, 10));
        view.apply(job.completed(0));
        Recorder recorder = new Recorder();

        view.follow(TENANT, "job-1", -1, recorder);

        assertThat(recorder.names()).containsExactly("QUEUED", "state:QUEUED", "STARTED", "state:RUNNING",
                "COMPLETED", "state:COMPLETED");
        assertThat(recorder.finished).isTrue();
    }

    @Test
    void followAfterASequenceNumberSkipsWhatWasSeen() {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.queued());
        view.apply(job.started(0));
        Recorder first = new Recorder();
        view.follow(TENANT, "job-1", -1, first);
        long seen = first.entries.get(1).sequence();
        Recorder resumed = new Recorder();

        view.follow(TENANT, "job-1", seen, resumed);

        assertThat(resumed.names()).containsExactly("STARTED", "state:RUNNING");
        assertThat(resumed.finished).isFalse();
    }

    @Test
    void stoppedFollowerHearsNothingMore() throws Exception {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.queued());
        Recorder recorder = new Recorder();
        AutoCloseable following = view.follow(TENANT, "job-1", -1, recorder).orElseThrow();

        following.close();
        view.apply(job.started(0));

        assertThat(recorder.names()).containsExactly("QUEUED", "state:QUEUED");
    }

    @Test
    void finishedJobsAreForgottenAfterTheirRetention() {
        Events done = new Events("job-1", TENANT, 4);
        view.apply(done.queued());
        view.apply(done.completed(0));
        Events running = new Events("job-2", TENANT, 4);
        view.apply(running.queued());
        view.apply(running.started(0));

        int forgotten = view.forgetFinishedBefore(Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(forgotten).isEqualTo(1);
        assertThat(view.find(TENANT, "job-1")).isEmpty();
        assertThat(view.find(TENANT, "job-2")).isPresent();
    }

    @Test
    void countByStateCoversEveryState() {
        Events job = new Events("job-1", TENANT, 4);
        view.apply(job.queued());

        assertThat(view.countByState()).containsEntry(JobState.QUEUED, 1).containsEntry(JobState.FAILED, 0)
                .hasSize(JobState.values().length);
    }

    private void apply(Object eventOrCancellation) {
        if (eventOrCancellation instanceof JobEvent event) {
            view.apply(event);
        } else {
            view.apply((CancellationRequest) eventOrCancellation);
        }
    }

    /** Records what a follower hears. */
    private static final class Recorder implements JobListener {

        final List<JobLogEntry> entries = new ArrayList<>();
        boolean finished;

        @Override
        public void onEntry(JobLogEntry entry) {
            entries.add(entry);
        }

        @Override
        public void onFinished() {
            finished = true;
        }

        List<String> names() {
            return entries.stream().map(entry -> {
                if (entry instanceof JobLogEntry.Event e) {
                    return e.event().type().name();
                }
                if (entry instanceof JobLogEntry.StateChanged s) {
                    return "state:" + s.state();
                }
                return "cancel-requested";
            }).toList();
        }
    }
}
