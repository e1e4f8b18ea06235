package dev.gdq.api.storage;

import dev.gdq.api.config.ApiConfig;
import io.minio.MinioClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/** CDI producers of the S3 clients: one for the health check, one that signs links for the public endpoint. */
public class StorageProducers {

    private static final Logger LOG = Logger.getLogger(StorageProducers.class);

    @Produces
    @Singleton
    @Named("gdq-s3")
    MinioClient storageClient(StorageConfig config) {
        return client(config, config.endpoint());
    }

    @Produces
    @Singleton
    ResultLinks resultLinks(StorageConfig storage, ApiConfig api) {
        String endpoint = storage.publicEndpoint().orElse(storage.endpoint());
        return new ResultLinks(client(storage, endpoint), storage.bucket(), api.resultUrlExpiry(), Clock.systemUTC());
    }

    void close(@Disposes @Named("gdq-s3") MinioClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.warnf("closing the S3 client failed: %s", e.getMessage());
        }
    }

    private static MinioClient client(StorageConfig config, String endpoint) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(config.timeout())
                .readTimeout(config.timeout())
                .writeTimeout(config.timeout())
                .build();
        return MinioClient.builder()
                .endpoint(endpoint)
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http, true)
                .build();
    }
}
