package dev.gdq.api.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of a resource leaves as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException exception, UriInfo uri) {
        return exception.problem().withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException exception, UriInfo uri) {
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        return Problems.http(status.getStatusCode(), status.getReasonPhrase(), exception.getMessage())
                .withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException exception, UriInfo uri) {
        LOG.errorf(exception, "unexpected failure on %s", uri.getPath());
        return Problems.internal("unexpected failure; the server log has the details")
                .withInstance(uri.getPath()).toResponse();
    }
}
