package dev.gdq.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.api.storage.StorageConfig;
import io.smallrye.config.WithDefault;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * No secret has a default outside the dev and test profiles: the S3 secret and the API keys come from configuration
 * or the environment, and without them the api does not start (S3) or answers every request 401 (keys).
 */
class ProductionConfigurationTest {

    @Test
    void s3SecretHasNoFallbackValue() throws Exception {
        WithDefault fallback = StorageConfig.class.getMethod("secretKey").getAnnotation(WithDefault.class);

        assertThat(fallback.value()).isEqualTo("${S3_SECRET_KEY}");
    }

    @Test
    void applicationPropertiesHoldSecretsOnlyInDevAndTestProfiles() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertThat(properties.stringPropertyNames()).filteredOn(name -> name.contains("secret-key")
                || name.contains("access-key") || name.startsWith("gdq.api.keys") || name.contains(".keys.\"")
                || name.contains("password")).allSatisfy(name -> assertThat(name).matches("%(dev|test)\\..*"));
        assertThat(properties.stringPropertyNames()).anyMatch(name -> name.startsWith("%test.gdq.api.keys."));
    }
}
