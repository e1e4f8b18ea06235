package dev.gdq.api.generations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gdq.api.jobs.JobListener;
import dev.gdq.api.jobs.JobLogEntry;
import dev.gdq.api.jobs.JobState;
import dev.gdq.api.jobs.JobView;
import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import dev.gdq.protocol.WireCodec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A job's log as Server-Sent Events: the entries so far (after {@code Last-Event-ID}), then live ones, then, once
 * the job is terminal, one {@code job} event with the final job (presigned URLs included) and the end of the
 * stream. Event names: {@code queued}, {@code started}, {@code progress}, {@code completed}, {@code failed},
 * {@code cancelled} (data: the JobEvent as on the topic), {@code cancel-requested} (data: the
 * CancellationRequest), {@code state} (data: {@link StateData}), {@code job} (data: the {@link JobResponse}). Every
 * event but {@code job} has an {@code id}, the entry's sequence number.
 *
 * <p>The view calls the listener under its lock; entries are buffered and written on a worker thread.
 */
@ApplicationScoped
public class JobEventStream {

    private static final Logger LOG = Logger.getLogger(JobEventStream.class);

    @Inject
    JobView view;

    @Inject
    JobResponses responses;

    @Inject
    ObjectMapper mapper;

    /**
     * Data of a {@code state} event.
     *
     * @param jobId    the job
     * @param state    its new state
     * @param previous its state before (absent for the first)
     * @param at       when it changed (the time of the event that changed it)
     */
    public record StateData(String jobId, JobState state, JobState previous, Instant at) {
    }

    /** @throws ProblemException 404 when the tenant has no such job */
    public Multi<OutboundSseEvent> follow(String tenant, String jobId, long afterSequence, Sse sse) {
        if (view.find(tenant, jobId).isEmpty()) {
            throw new ProblemException(Problems.jobNotFound(jobId));
        }
        Multi<JobLogEntry> entries = Multi.createFrom().emitter(emitter -> {
            Optional<AutoCloseable> following = view.follow(tenant, jobId, afterSequence, new JobListener() {
                @Override
                public void onEntry(JobLogEntry entry) {
                    emitter.emit(entry);
                }

                @Override
                public void onFinished() {
                    emitter.complete();
                }
            });
            if (following.isEmpty()) {
                emitter.complete();
            } else {
                emitter.onTermination(() -> stop(following.get()));
            }
        }, BackPressureStrategy.BUFFER);
        return entries
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(entry -> event(sse, entry))
                .onCompletion().switchTo(() -> Multi.createFrom().optional(() -> view.find(tenant, jobId)
                        .map(job -> sse.newEventBuilder().name("job").data(json(responses.full(job))).build())));
    }

    private OutboundSseEvent event(Sse sse, JobLogEntry entry) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().id(Long.toString(entry.sequence()));
        if (entry instanceof JobLogEntry.Event e) {
            event.name(e.event().type().name().toLowerCase(Locale.ROOT)).data(WireCodec.writeString(e.event()));
        } else if (entry instanceof JobLogEntry.CancelRequested c) {
            event.name("cancel-requested").data(WireCodec.writeString(c.request()));
        } else {
            JobLogEntry.StateChanged s = (JobLogEntry.StateChanged) entry;
            event.name("state").data(json(new StateData(s.jobId(), s.state(), s.previous(), s.at())));
        }
        return event.build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static void stop(AutoCloseable following) {
        try {
            following.close();
        } catch (Exception e) {
            LOG.debugf("stopping a job stream failed: %s", e.getMessage());
        }
    }
}
