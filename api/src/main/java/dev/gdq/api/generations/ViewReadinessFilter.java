package dev.gdq.api.generations;

import dev.gdq.api.jobs.JobEventsFollower;
import dev.gdq.api.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Until the job view has caught up with the topics, job and batch requests are 503 (with Retry-After): an
 * incomplete view would answer 404 for existing jobs and could not honour idempotency keys.
 */
@ApplicationScoped
public class ViewReadinessFilter {

    @Inject
    JobEventsFollower follower;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Optional<Response> requireCaughtUpView(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (!(relative.startsWith("v1/generations") || relative.startsWith("v1/batches")) || follower.caughtUp()) {
            return Optional.empty();
        }
        return Optional.of(Problems.unavailable("the job view is still reading the events topic; retry shortly",
                Duration.ofSeconds(1)).toResponse());
    }
}
