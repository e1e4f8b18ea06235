package dev.gdq.api.security;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.KEY_B;
import static dev.gdq.api.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gdq.api.testing.Requests;
import dev.gdq.infra.testing.RealServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Secrets reach the api only through configuration (here the test resource's {@code gdq.s3.secret-key} and the
 * profile's keys) and never its log: the log file of this test run (every application start and request of the
 * module's tests so far, {@code %test.quarkus.log.file.*}) holds neither the S3 secret, nor a configured API key,
 * nor a wrong key presented to the api, even after requests that the api refuses and logs.
 */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecretsAreNotLoggedTest {

    @ConfigProperty(name = "quarkus.log.file.path")
    Path logFile;

    @ConfigProperty(name = "gdq.s3.secret-key")
    String s3Secret;

    @Test
    void neitherTheS3SecretNorAnyApiKeyIsInTheLog() throws Exception {
        String wrongKey = "wrong-key-" + UUID.randomUUID();
        given().header("X-API-Key", wrongKey).get("/v1/generations").then().statusCode(401);
        given().header("Authorization", "Bearer " + wrongKey).contentType(ContentType.JSON)
                .body(Requests.valid().toString()).post("/v1/generations").then().statusCode(401);
        as(KEY_A).contentType(ContentType.JSON).body(Requests.valid().toString()).post("/v1/generations")
                .then().statusCode(202);
        as(KEY_B).contentType(ContentType.JSON).body("{not json").post("/v1/generations").then().statusCode(400);
        as(KEY_B).get("/v1/generations/job-00000000000000000000000000").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
        String marker = "secrets-test-" + UUID.randomUUID();
        org.jboss.logging.Logger.getLogger(SecretsAreNotLoggedTest.class).info(marker);

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(logFile).contains(marker));
        String log = Files.readString(logFile);
        assertThat(log).as("the log file captures the application").contains("serving model fashion-mnist");
        assertThat(s3Secret).isNotBlank();
        assertThat(log).doesNotContain(s3Secret).doesNotContain(wrongKey);
        for (String key : configuredApiKeys()) {
            assertThat(log).as("API key %s", key).doesNotContain(key);
        }
    }

    private static List<String> configuredApiKeys() {
        List<String> keys = new java.util.ArrayList<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith("gdq.api.keys.")) {
                keys.add(name.substring("gdq.api.keys.".length()).replace("\"", ""));
            }
        }
        assertThat(keys).contains(KEY_A, KEY_B);
        return keys;
    }
}
