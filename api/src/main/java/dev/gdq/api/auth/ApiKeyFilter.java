package dev.gdq.api.auth;

import dev.gdq.api.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request under {@code /v1}, before it is matched to a resource (so an unauthenticated caller
 * learns nothing about routes or media types): Bearer token or {@code X-API-Key}; 401 problem otherwise.
 */
@ApplicationScoped
public class ApiKeyFilter {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    @Inject
    ApiKeys keys;

    @Inject
    Caller caller;

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!isVersionedApi(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        Optional<String> tenant = keys.tenantOf(presentedKey(request));
        if (tenant.isEmpty()) {
            return Optional.of(Problems.unauthorized().withInstance(request.getUriInfo().getPath()).toResponse());
        }
        caller.authenticate(tenant.get());
        return Optional.empty();
    }

    /** Whether {@code path} (with or without its leading slash) is under {@code /v1}. */
    static boolean isVersionedApi(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("v1") || relative.startsWith("v1/");
    }

    private static String presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length());
        }
        return request.getHeaderString(API_KEY_HEADER);
    }
}
