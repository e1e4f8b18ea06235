package dev.gdq.api.storage;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the store answers and the image bucket exists. */
@Readiness
@ApplicationScoped
public class S3HealthCheck implements HealthCheck {

    @Inject
    @Named("gdq-s3")
    MinioClient client;

    @Inject
    StorageConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("s3")
                .withData("endpoint", config.endpoint())
                .withData("bucket", config.bucket());
        try {
            boolean exists = client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
            return exists ? response.up().build() : response.down().withData("reason", "no such bucket").build();
        } catch (Exception e) {
            return response.down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }
}
