package dev.gdq.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.protocol.JobEventType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(OpsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessFollowsTheWorkerAndMetricsAreScraped() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new WorkerMetrics(registry).taskFinished(JobEventType.COMPLETED);
        AtomicBoolean ready = new AtomicBoolean(false);

        try (OpsServer server = new OpsServer(0, registry, () -> true, ready::get)) {
            assertThat(get(server, "/q/health/ready").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(server, "/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(server, "/q/health/live").body()).contains("UP");
            assertThat(get(server, "/q/metrics").body()).contains("gdq_worker_tasks_total{outcome=\"completed\"} 1.0");
        }
    }
}
