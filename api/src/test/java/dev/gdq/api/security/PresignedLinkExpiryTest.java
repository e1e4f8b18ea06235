package dev.gdq.api.security;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.TENANT_A;
import static dev.gdq.api.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.SimulatedWorker;
import dev.gdq.infra.testing.RealServicesResource;
import io.minio.MinioClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Presigned links stop working when the api says they do: with an 8-second expiry, the real S3 server serves the
 * image through a fresh link and refuses the same link once its {@code expiresAt} has passed; a new read signs anew.
 */
@QuarkusTest
@TestProfile(PresignedLinkExpiryTest.ShortLinks.class)
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PresignedLinkExpiryTest {

    /** Long enough for a fresh link to be fetched on a loaded machine, short enough to wait for. */
    static final Duration EXPIRY = Duration.ofSeconds(8);

    /** Links valid for {@link #EXPIRY}. */
    public static class ShortLinks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gdq.api.result-url-expiry", EXPIRY.toString());
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void linkWorksBeforeItsExpiryAndFailsAfter() throws Exception {
        String id = as(KEY_A).contentType(ContentType.JSON).body(Requests.ofImages(1)).post("/v1/generations")
                .then().statusCode(202).extract().path("id");
        byte[] png = SimulatedWorker.png(77);
        try (MinioClient s3 = Api.minio();
             SimulatedWorker worker = new SimulatedWorker(Api.kafkaBootstrapServers(), s3, Api.bucket(), TENANT_A)) {
            worker.completed(id, 0, 0, List.of(png), 20);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(KEY_A).get("/v1/generations/" + id).then()
                .body("state", equalTo("COMPLETED")));

        Instant asked = Instant.now();
        JsonPath job = as(KEY_A).get("/v1/generations/" + id).then().statusCode(200).extract().jsonPath();
        Instant answered = Instant.now();
        String url = job.getString("images[0].url");
        Instant expiresAt = Instant.parse(job.getString("images[0].expiresAt"));
        HttpResponse<byte[]> before = fetch(url);
        Instant fetchedBefore = Instant.now();

        assertThat(expiresAt).isBetween(asked.plus(EXPIRY).minusSeconds(1), answered.plus(EXPIRY).plusSeconds(1));
        assertThat(fetchedBefore).as("fetched before the expiry").isBefore(expiresAt);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).isEqualTo(png);

        await().atMost(EXPIRY.plusSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));
        HttpResponse<byte[]> after = fetch(url);
        assertThat(after.statusCode()).as("the same link after %s", expiresAt).isEqualTo(403);
        assertThat(new String(after.body())).contains("expired");

        String renewed = as(KEY_A).get("/v1/generations/" + id).then().extract().path("images[0].url");
        assertThat(fetch(renewed).statusCode()).isEqualTo(200);
    }

    private HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
