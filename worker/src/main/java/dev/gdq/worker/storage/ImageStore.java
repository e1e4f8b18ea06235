package dev.gdq.worker.storage;

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
 */
public final class ImageStore {

    private static final String PNG = "image/png";
    private static final String JSON = "application/json";

    private final MinioClient client;
    private final String bucket;

    public ImageStore(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    public void putImage(String key, byte[] png, Map<String, String> userMetadata) throws StorageUnavailableException {
        put(key, png, PNG, userMetadata);
    }

    public void putManifest(TaskManifest manifest) throws StorageUnavailableException {
        put(ObjectKeys.taskManifest(manifest.jobId(), manifest.taskIndex()), WireCodec.write(manifest), JSON, Map.of());
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

    private void put(String key, byte[] bytes, String contentType, Map<String, String> userMetadata)
            throws StorageUnavailableException {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(contentType).userMetadata(userMetadata).build());
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
