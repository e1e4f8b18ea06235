package dev.gdq.api.problem;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gdq.protocol.WireCodec;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document with this api's extension members.
 *
 * @param type       URI naming the kind of problem ({@code urn:gdq:problem:<kind>}, listed in docs/api.md)
 * @param title      short summary of the kind
 * @param status     HTTP status
 * @param detail     this occurrence, for people
 * @param instance   the request path
 * @param violations on {@code invalid-request}: every broken rule, each naming its field
 * @param lines      on {@code batch-rejected}: why each line was refused
 * @param jobId      the job concerned (idempotency conflict, finished job)
 * @param state      the job's state, when it matters (cancel of a finished job)
 * @param headers    response headers that go with it ({@code WWW-Authenticate}, {@code Retry-After}); not in the body
 */
@Schema(name = "Problem", description = "RFC 9457 problem document (application/problem+json)")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldViolation> violations, List<LineProblem> lines, String jobId, String state,
                      @Schema(hidden = true) @JsonIgnore Map<String, String> headers) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
        lines = lines == null ? List.of() : List.copyOf(lines);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations, lines, jobId, state, headers);
    }

    /** The problem as a response: its status, its headers, the body as {@value #MEDIA_TYPE}. */
    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(toJson());
        headers.forEach(response::header);
        return response.build();
    }

    public String toJson() {
        try {
            return WireCodec.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always writable", e);
        }
    }
}
