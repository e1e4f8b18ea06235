package dev.gdq.api.jobs;

import dev.gdq.api.config.ApiConfig;
import dev.gdq.api.kafka.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The view and its consumer loop as CDI beans: the loop starts with the application (the view fills in the
 * background; readiness waits for it) and stops with it. Gauges: {@code gdq_api_view_jobs{state}},
 * {@code gdq_api_view_caught_up}, {@code gdq_api_view_unknown_job_events}, {@code gdq_api_view_malformed_records}.
 */
public class JobViewProducers {

    private static final Logger LOG = Logger.getLogger(JobViewProducers.class);

    @Produces
    @Singleton
    JobView jobView() {
        return new JobView();
    }

    @Produces
    @Singleton
    JobEventsFollower follower(KafkaClients clients, JobView view, ApiConfig config) {
        ApiConfig.View settings = config.view();
        return new JobEventsFollower(clients.common(), view, new JobEventsFollower.Settings(settings.pollTimeout(),
                settings.maintenanceInterval(), settings.retention(), settings.retryBackoff()), Clock.systemUTC());
    }

    void start(@Observes StartupEvent started, JobEventsFollower follower, JobView view, MeterRegistry registry,
               ApiConfig config) throws InterruptedException {
        for (JobState state : JobState.values()) {
            Gauge.builder("gdq.api.view.jobs", view, v -> v.countByState().get(state))
                    .description("jobs in the view by state").tag("state", state.name()).register(registry);
        }
        Gauge.builder("gdq.api.view.caught.up", follower, f -> f.caughtUp() ? 1 : 0)
                .description("1 once the view has read the events topic up to its end at start").register(registry);
        Gauge.builder("gdq.api.view.unknown.job.events", view, JobView::unknownJobEvents)
                .description("events of jobs the view does not know (dropped)").register(registry);
        Gauge.builder("gdq.api.view.malformed.records", follower, JobEventsFollower::malformedRecords)
                .description("records of the events and cancellations topics that could not be read (skipped)")
                .register(registry);
        follower.start();
        Duration wait = config.view().startupWait();
        if (!wait.isZero() && !follower.awaitCaughtUp(wait)) {
            LOG.warnf("job view not caught up after %s; going on, readiness stays down until it is", wait);
        }
    }

    void stop(@Disposes JobEventsFollower follower) {
        follower.close();
    }
}
