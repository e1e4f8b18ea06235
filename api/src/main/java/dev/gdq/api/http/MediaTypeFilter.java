package dev.gdq.api.http;

import dev.gdq.api.problem.Problems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body sent to an endpoint that declares its media types must say which it is: without a {@code Content-Type}
 * JAX-RS would take any bytes for the declared type. And JSON is UTF-8 (RFC 8259): a body declared in another
 * charset would be misread, so it is refused rather than guessed at; and a range such as {@code *}{@code /*} names
 * no type at all. All three are 415 problems.
 */
public class MediaTypeFilter {

    @ServerRequestFilter
    public Optional<Response> requireDeclaredUtf8Body(ContainerRequestContext request, ResourceInfo resource) {
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
        String charset = declared == null ? null : declared.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            return Optional.of(Problems.http(415, "Unsupported Media Type", "bodies are UTF-8; charset '" + charset
                    + "' is not accepted").withInstance(path).toResponse());
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
