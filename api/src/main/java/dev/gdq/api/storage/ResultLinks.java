package dev.gdq.api.storage;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Presigned GET URLs of result images. Signing is local (the region is configured, so the client asks the store
 * nothing); each call signs anew, so a URL is valid for the configured expiry from the moment it is handed out.
 */
public final class ResultLinks {

    /** SigV4 presigned URLs live at most seven days. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final MinioClient signer;
    private final String bucket;
    private final Duration expiry;
    private final Clock clock;

    /** A presigned link and when it stops working. */
    public record Link(String url, Instant expiresAt) {
    }

    public ResultLinks(MinioClient signer, String bucket, Duration expiry, Clock clock) {
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("gdq.api.result-url-expiry must be in (0, 7 days], was " + expiry);
        }
        this.signer = signer;
        this.bucket = bucket;
        this.expiry = expiry;
        this.clock = clock;
    }

    public Link presignedGet(String objectKey) {
        Instant now = clock.instant();
        try {
            String url = signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(bucket)
                    .object(objectKey)
                    .expiry((int) expiry.toSeconds(), TimeUnit.SECONDS)
                    .build());
            return new Link(url, now.plus(expiry));
        } catch (Exception e) {
            throw new IllegalStateException("cannot presign " + bucket + "/" + objectKey + ": " + e.getMessage(), e);
        }
    }
}
