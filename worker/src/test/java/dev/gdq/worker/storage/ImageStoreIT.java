package dev.gdq.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.RealServices;
import dev.gdq.protocol.ObjectKeys;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The image store on the real S3 server: a redelivered task never writes an object a second time. */
@RealServices
class ImageStoreIT {

    private final LocalServices services;
    private final MinioClient client;
    private final ImageStore store;
    private final String jobId = "job-" + UUID.randomUUID();

    ImageStoreIT(LocalServices services) {
        this.services = services;
        this.client = services.newMinioClient();
        this.store = new ImageStore(client, services.bucket());
    }

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void secondPutOfAnImageKeyLeavesTheFirstObjectInPlace() throws Exception {
        String key = ObjectKeys.image(jobId, 0);
        boolean first = store.putImage(key, bytes("first run"), Map.of("worker", "a"));
        boolean again = store.putImage(key, bytes("redelivered run"), Map.of("worker", "b"));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(new String(store.get(key), StandardCharsets.UTF_8)).isEqualTo("first run");
        assertThat(client.statObject(StatObjectArgs.builder().bucket(services.bucket()).object(key).build())
                .userMetadata()).containsEntry("worker", "a");
    }

    @Test
    void secondManifestOfATaskLeavesTheFirstInPlace() throws Exception {
        TaskManifest original = manifest("worker-a");
        assertThat(store.putManifest(original)).isTrue();
        assertThat(store.putManifest(manifest("worker-b"))).isFalse();

        assertThat(store.findManifest(jobId, 3)).contains(original);
    }

    private TaskManifest manifest(String workerId) {
        return new TaskManifest(jobId, 3, 48, 16, "trivial", List.of(ObjectKeys.image(jobId, 48)), workerId,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
