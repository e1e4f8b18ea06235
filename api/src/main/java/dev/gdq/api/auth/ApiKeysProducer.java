package dev.gdq.api.auth;

import dev.gdq.api.config.ApiConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Reads the API keys once, at start. */
public class ApiKeysProducer {

    private static final Logger LOG = Logger.getLogger(ApiKeysProducer.class);

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(ApiConfig config) {
        ApiKeys keys = ApiKeys.of(config.keys(), config.keysFile());
        if (keys.size() == 0) {
            LOG.warn("no API keys configured (gdq.api.keys, gdq.api.keys-file): every /v1 request will be 401");
        }
        return keys;
    }
}
