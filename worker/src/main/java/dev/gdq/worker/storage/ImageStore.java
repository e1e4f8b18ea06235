package dev.gdq.worker.storage;

import dev.gdq.protocol.ObjectKeys;
import dev.gdq.protocol.WireCodec;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The images and task manifests of jobs in one bucket. Every call either succeeds or throws
 * {@link StorageUnavailableException} for anything worth retrying (connection refused, timeouts, 5xx);
 * a client error (4xx other than a missing key) is a bug or a misconfiguration and is thrown as
 * {@link IllegalStateException}.
 *
 * <p>Objects are written once: every PUT is conditional ({@code If-None-Match: *}), and a 412 answer means an
 * earlier run of the same task (a redelivery after a crash) already stored that deterministic key, so the object
 * is left as it is. S3, MinIO and S3Proxy honour the condition; a server that ignores it overwrites the object
 * with the same bytes, as images are deterministic.
 */
public final class ImageStore {

    private static final String PNG = "image/png";
    private static final String JSON = "application/json";
    private static final Map<String, String> ONLY_IF_ABSENT = Map.of("If-None-Match", "*");
    private static final int PRECONDITION_FAILED = 412;

    private final MinioClient client;
    private final String bucket;

    public ImageStore(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Stores an image unless its key exists already.
     *
     * @return whether this call stored it (false: an earlier run of its task did)
     */
    public boolean putImage(String key, byte[] png, Map<String, String> userMetadata)
            throws StorageUnavailableException {
        return putIfAbsent(key, png, PNG, userMetadata);
    }

    /**
     * Stores a task's manifest unless it exists already.
     *
     * @return whether this call stored it
     */
    public boolean putManifest(TaskManifest manifest) throws StorageUnavailableException {
        return putIfAbsent(ObjectKeys.taskManifest(manifest.jobId(), manifest.taskIndex()), WireCodec.write(manifest),
                JSON, Map.of());
    }

    /** The task's manifest when a previous run of the task stored all its images. */
    public Optional<TaskManifest> findManifest(String jobId, int taskIndex) throws StorageUnavailableException {
        String key = ObjectKeys.taskManifest(jobId, taskIndex);
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(WireCodec.mapper().readValue(in, TaskManifest.class));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw classify("GET " + key, e);
        } catch (Exception e) {
            throw classify("GET " + key, e);
        }
    }

    public byte[] get(String key) throws StorageUnavailableException {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw classify("GET " + key, e);
        }
    }

    /** Whether the bucket can be reached; for health checks. */
    public boolean isReachable() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    private boolean putIfAbsent(String key, byte[] bytes, String contentType, Map<String, String> userMetadata)
            throws StorageUnavailableException {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .headers(ONLY_IF_ABSENT)
                    .contentType(contentType).userMetadata(userMetadata).build());
            return true;
        } catch (ErrorResponseException e) {
            if (e.response() != null && e.response().code() == PRECONDITION_FAILED) {
                return false;
            }
            throw classify("PUT " + key, e);
        } catch (Exception e) {
            throw classify("PUT " + key, e);
        }
    }

    private StorageUnavailableException classify(String operation, Exception e) {
        if (e instanceof ErrorResponseException response) {
            int status = response.response() == null ? 500 : response.response().code();
            if (status < 500) {
                throw new IllegalStateException("S3 " + operation + " in bucket " + bucket + " refused: "
                        + response.errorResponse().code() + " " + response.errorResponse().message(), e);
            }
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String detail = e instanceof IOException ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new StorageUnavailableException("S3 " + operation + " in bucket " + bucket + " failed: " + detail, e);
    }
}
