package dev.gdq.api.kafka;

import dev.gdq.api.config.ApiConfig;
import dev.gdq.protocol.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the broker answers within the health timeout and the api's three topics exist. */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    static final List<String> TOPICS = List.of(Topics.REQUESTS, Topics.EVENTS, Topics.CANCELLATIONS);

    @Inject
    KafkaClients clients;

    @Inject
    ApiConfig config;

    private Admin admin;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka");
        long timeoutMillis = config.kafka().healthTimeout().toMillis();
        try {
            Map<String, TopicDescription> topics = admin().describeTopics(TOPICS).allTopicNames()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            topics.forEach((name, description) -> response.withData(name, description.partitions().size()
                    + " partitions"));
            return response.up().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = new HashMap<>(clients.common());
            int timeout = (int) config.kafka().healthTimeout().toMillis();
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "gdq-api-health");
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
