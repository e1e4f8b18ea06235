package dev.gdq.api.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Health of the job view: ready once caught up with the topics; live while its consumer loop runs. */
@ApplicationScoped
public class JobViewHealth {

    @Produces
    @Readiness
    HealthCheck caughtUp(JobEventsFollower follower, JobView view) {
        return () -> {
            var response = HealthCheckResponse.named("job-view").withData("jobs", view.size());
            String problem = follower.problem();
            if (problem != null) {
                response.withData("reason", problem);
            }
            return response.status(follower.caughtUp()).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck loopRunning(JobEventsFollower follower) {
        return () -> HealthCheckResponse.named("job-view-loop").status(follower.alive()).build();
    }
}
