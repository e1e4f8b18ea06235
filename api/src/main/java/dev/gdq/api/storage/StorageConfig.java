package dev.gdq.api.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code gdq.s3.*}: the S3-compatible store the workers upload to. Unset keys fall back to the variables
 * {@code infra/services.sh} exports ({@code S3_ENDPOINT}, {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY},
 * {@code S3_BUCKET}, {@code S3_REGION}), then to its defaults; the secret has none outside the dev and test profiles.
 */
@ConfigMapping(prefix = "gdq.s3")
public interface StorageConfig {

    @WithDefault("${S3_ENDPOINT:http://127.0.0.1:9000}")
    String endpoint();

    /**
     * Endpoint clients reach the store at, when it differs from {@link #endpoint()} (a presigned URL is signed for
     * its host, so it must be signed with the public one).
     */
    Optional<String> publicEndpoint();

    @WithDefault("${S3_REGION:us-east-1}")
    String region();

    @WithDefault("${S3_ACCESS_KEY:gdq-access-key}")
    String accessKey();

    /**
     * No fallback in production: without {@code gdq.s3.secret-key} or {@code S3_SECRET_KEY} the api does not start
     * (a well-known default secret would be worse than none). The dev and test profiles give the local S3 server's.
     */
    @WithDefault("${S3_SECRET_KEY}")
    String secretKey();

    @WithDefault("${S3_BUCKET:gdq-images}")
    String bucket();

    /** Connect and read timeout of the health check's calls. */
    @WithDefault("PT3S")
    Duration timeout();
}
