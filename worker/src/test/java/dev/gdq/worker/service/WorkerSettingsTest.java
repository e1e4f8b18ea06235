package dev.gdq.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

    private static WorkerSettings valid() {
        return new WorkerSettings("worker-0", "localhost:9092", "gdq-workers", List.of(Path.of("models/x")), false, 32,
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(30), "http://127.0.0.1:9000", "key",
                "secret", "gdq-images", "us-east-1", Duration.ofMillis(250), Duration.ofSeconds(10));
    }

    @Test
    void defaultsAreValid() {
        assertThat(valid().validate()).isEmpty();
    }

    @Test
    void everyBadSettingIsNamed() {
        WorkerSettings bad = new WorkerSettings("worker 0", " ", "", List.of(), false, 0, Duration.ofMillis(-1),
                Duration.ZERO, Duration.ZERO, "127.0.0.1:9000", "", "secret", "Bad_Bucket", "us-east-1",
                Duration.ofMillis(250), Duration.ofSeconds(10));

        assertThat(bad.validate()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly("workerId",
                "kafkaBootstrapServers", "groupId", "modelFolders", "maxBatchImages", "maxBatchWait", "progressInterval",
                "transactionTimeout", "s3Endpoint", "s3AccessKey/s3SecretKey", "s3Bucket");
    }

    @Test
    void storageConcurrencyDefaultsToEightAndMustBeAtLeastOne() {
        WorkerSettings noUploads = new WorkerSettings("worker-0", "localhost:9092", "gdq-workers",
                List.of(Path.of("models/x")), false, 32, Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(30), "http://127.0.0.1:9000", "key", "secret", "gdq-images", "us-east-1",
                Duration.ofMillis(250), Duration.ofSeconds(10), 0);

        assertThat(valid().storageConcurrency()).isEqualTo(8);
        assertThat(noUploads.validate()).containsExactly("storageConcurrency: must be in 1..256, got 0");
    }
}
