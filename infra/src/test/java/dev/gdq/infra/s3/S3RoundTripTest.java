package dev.gdq.infra.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.testing.RealServices;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.http.Method;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServices
class S3RoundTripTest {

    private static final String PNG = "image/png";

    private final LocalServices services;
    private final HttpClient http = HttpClient.newHttpClient();
    private MinioClient client;
    private String key;
    private byte[] content;

    S3RoundTripTest(LocalServices services) {
        this.services = services;
    }

    @BeforeEach
    void putObject() throws Exception {
        client = services.newMinioClient();
        key = "jobs/" + UUID.randomUUID() + "/0.png";
        content = new byte[100_000];
        new Random(42).nextBytes(content);
        client.putObject(PutObjectArgs.builder()
                .bucket(services.bucket())
                .object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType(PNG)
                .userMetadata(Map.of("job-id", "job-42", "sampler", "ddim"))
                .build());
    }

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void statShowsContentTypeSizeAndUserMetadata() throws Exception {
        StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(services.bucket()).object(key).build());

        assertThat(stat.contentType()).isEqualTo(PNG);
        assertThat(stat.size()).isEqualTo(content.length);
        assertThat(stat.userMetadata()).containsEntry("job-id", "job-42").containsEntry("sampler", "ddim");
    }

    @Test
    void getReturnsTheBytesPut() throws Exception {
        try (GetObjectResponse object = client.getObject(GetObjectArgs.builder().bucket(services.bucket()).object(key).build())) {
            assertThat(object.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void presignedGetServesIdenticalBytesOverPlainHttp() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(presignedGet()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PNG);
        assertThat(response.body()).isEqualTo(content);
    }

    @Test
    void presignedGetWithTamperedSignatureIsRefusedWith403() throws Exception {
        String url = presignedGet().toString();
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(at) == '0' ? '1' : '0';
        URI tampered = URI.create(url.substring(0, at) + flipped + url.substring(at + 1));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tampered).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private URI presignedGet() throws Exception {
        return URI.create(client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET)
                .bucket(services.bucket())
                .object(key)
                .expiry(5, TimeUnit.MINUTES)
                .build()));
    }
}
