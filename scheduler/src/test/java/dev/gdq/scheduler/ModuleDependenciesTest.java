package dev.gdq.scheduler;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scheduler is engine-free: neither DJL, Kafka nor Quarkus is on its classpath. */
class ModuleDependenciesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ai.djl.ndarray.NDArray", "org.apache.kafka.clients.consumer.KafkaConsumer",
        "io.quarkus.runtime.Quarkus"})
    void engineAndServiceLibrariesAreNotOnTheClasspath(String className) {
        assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
    }
}
