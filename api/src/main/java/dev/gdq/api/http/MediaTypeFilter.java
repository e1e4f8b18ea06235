package dev.gdq.api.http;

import dev.gdq.api.problem.Problems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body sent to an endpoint that declares its media types must say which it is: without a {@code Content-Type},
 * or with a range such as {@code *}{@code /*}, JAX-RS would take any bytes for the declared type. Both are 415
 * problems. A {@code charset} parameter is not consulted: JSON is UTF-8 (RFC 8259), and the codec refuses any body
 * that is not valid UTF-8, naming the byte.
 */
public class MediaTypeFilter {

    @ServerRequestFilter
    public Optional<Response> requireDeclaredBodyType(ContainerRequestContext request, ResourceInfo resource) {
        Consumes consumes = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) {
            return Optional.empty();
        }
        String accepted = String.join(", ", Arrays.stream(consumes.value()).toList());
        String path = request.getUriInfo().getPath();
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(Problems.http(415, "Unsupported Media Type", "a body needs a Content-Type: "
                    + accepted).withInstance(path).toResponse());
        }
        MediaType declared = parse(contentType);
        if (declared != null && (declared.isWildcardType() || declared.isWildcardSubtype())) {
            return Optional.of(Problems.http(415, "Unsupported Media Type", "'" + contentType + "' is a range, not "
                    + "the type of a body: " + accepted).withInstance(path).toResponse());
        }
        return Optional.empty();
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
