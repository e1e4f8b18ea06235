package dev.gdq.api.testing;

import dev.gdq.api.config.ApiConfig;
import java.time.Duration;

/** Producer settings for tests that build the api's Kafka clients by hand; timeouts as the defaults. */
public record KafkaSettings(int producers, int maxRequestsPerTransaction, Duration maxBlock)
        implements ApiConfig.Kafka {

    @Override
    public Duration transactionTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration deliveryTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration healthTimeout() {
        return Duration.ofSeconds(3);
    }
}
