package dev.gdq.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The constraints on {@code gdq.api.*}, checked by the same SmallRye Config validator that Quarkus runs at start-up:
 * a value out of range is refused with its key and its rule.
 */
class ApiConfigConstraintsTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    private static ApiConfig configWith(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ApiConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withValidator(new BeanValidationConfigValidator() {
                    @Override
                    public Validator getValidator() {
                        return VALIDATION.getValidator();
                    }
                })
                .build();
        return config.getConfigMapping(ApiConfig.class);
    }

    @Test
    void theDefaultsAreValid() {
        ApiConfig config = configWith(Map.of());

        assertThat(config.limits().maxRequestBytes()).isEqualTo(65536);
        assertThat(config.limits().maxDiscardedBytes()).isEqualTo(2 << 20);
        assertThat(config.kafka().producers()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "gdq.api.max-images-per-task, 0, must be greater than or equal to 1",
            "gdq.api.default-priority, 10, must be less than or equal to 9",
            "gdq.api.limits.max-request-bytes, 0, must be greater than 0",
            "gdq.api.limits.max-batch-bytes, -5, must be greater than 0",
            "gdq.api.limits.max-discarded-bytes, -1, must be greater than or equal to 0",
            "gdq.api.limits.max-guidance-scale, 0, must be greater than 0",
            "gdq.api.limits.max-page-size, 0, must be greater than 0",
            "gdq.api.kafka.producers, 0, must be greater than or equal to 1",
            "gdq.api.kafka.max-requests-per-transaction, 0, must be greater than 0",
            "gdq.api.kafka.max-block, PT0S, must be longer than or equal to",
            "gdq.api.view.startup-wait, -PT1S, must be longer than or equal to",
    })
    void anOutOfRangeValueIsRefusedWithItsKeyAndRule(String key, String value, String rule) {
        assertThatThrownBy(() -> configWith(Map.of(key, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(rule);
    }

    @Test
    void everyOffendingKeyIsNamedAtOnce() {
        assertThatThrownBy(() -> configWith(Map.of("gdq.api.limits.max-steps", "0", "gdq.api.kafka.producers", "65")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("gdq.api.limits.max-steps")
                .hasMessageContaining("gdq.api.kafka.producers");
    }
}
