package dev.gdq.api.http;

import dev.gdq.api.config.ApiConfig;
import dev.gdq.api.problem.Problem;
import dev.gdq.api.problem.Problems;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length is above its endpoint's limit with a 413 problem, before reading it: single
 * requests above {@code gdq.api.limits.max-request-bytes}, batches above {@code max-batch-bytes}, anything above
 * {@code quarkus.http.limits.max-body-size}. Runs just ahead of Quarkus's own check, which answers an empty 413.
 * A chunked body (no declared length) is measured by the resources once read, with the same problem; only one that
 * outgrows the hard limit while it is read still gets Quarkus's empty 413.
 */
@ApplicationScoped
public class BodySizeGuard {

    static final String BATCHES = "/v1/batches";
    static final String GENERATIONS = "/v1/generations";

    /** How long a refused body is read and dropped at most before its connection closes. */
    static final long DISCARD_DEADLINE_MS = 10_000;

    @Inject
    ApiConfig config;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize hardLimit;

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(this::refuseDeclaredOversize);
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limitOf(context.normalizedPath());
        long length = parseLength(declared);
        if (length > limit) {
            refuse(context, length, limit);
            return;
        }
        context.next();
    }

    private long limitOf(String path) {
        long hard = hardLimit.asLongValue();
        if (BATCHES.equals(path)) {
            return Math.min(hard, config.limits().maxBatchBytes());
        }
        if (GENERATIONS.equals(path)) {
            return Math.min(hard, config.limits().maxRequestBytes());
        }
        return hard;
    }

    /** The declared length, or -1 when absent or not a plain decimal (Vert.x itself refuses the latter). */
    private static long parseLength(String declared) {
        if (declared == null || declared.isEmpty() || declared.length() > 18
                || !declared.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(declared);
    }

    /**
     * 413 with the problem, then the body is read and dropped (up to {@code max-discarded-bytes}, for at most
     * {@link #DISCARD_DEADLINE_MS}) before the connection closes: closing at once, with the body still arriving, makes
     * the kernel reset the connection, and a client still writing its body loses the answer.
     */
    private void refuse(RoutingContext context, long length, long limit) {
        Problem problem = Problems.payloadTooLarge(length, limit).withInstance(context.normalizedPath());
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        long deadline = context.vertx().setTimer(DISCARD_DEADLINE_MS, fired -> connection.close());
        Runnable close = () -> {
            context.vertx().cancelTimer(deadline);
            connection.close();
        };
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > config.limits().maxDiscardedBytes()) {
                close.run();
            }
        });
        request.endHandler(ended -> close.run());
        request.resume();
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.toJson());
    }
}
