package dev.gdq.api.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code gdq.s3.*}: the S3-compatible store the workers upload to. Defaults match {@code infra/services.sh}. */
@ConfigMapping(prefix = "gdq.s3")
public interface StorageConfig {

    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /**
     * Endpoint clients reach the store at, when it differs from {@link #endpoint()} (a presigned URL is signed for
     * its host, so it must be signed with the public one).
     */
    Optional<String> publicEndpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("gdq-access-key")
    String accessKey();

    @WithDefault("gdq-secret-key")
    String secretKey();

    @WithDefault("gdq-images")
    String bucket();

    /** Connect and read timeout of the health check's calls. */
    @WithDefault("PT3S")
    Duration timeout();
}
