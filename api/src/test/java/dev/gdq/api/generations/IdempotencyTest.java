package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.KEY_B;
import static dev.gdq.api.testing.Api.as;
import static dev.gdq.api.testing.Records.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.TopicProbe;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: same key and request, same job; same key, another request, 409. */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IdempotencyTest {

    @Test
    void sameKeyAndRequestGiveTheSameJobAndEnqueueItOnce() {
        String key = newKey();
        String body = Requests.valid().toString();
        try (TopicProbe topics = new TopicProbe(Api.kafkaBootstrapServers())) {
            Map<TopicPartition, Long> requests = topics.endOffsets(Topics.REQUESTS);
            Map<TopicPartition, Long> events = topics.endOffsets(Topics.EVENTS);

            JsonPath first = submit(KEY_A, key, body).then().statusCode(202).extract().jsonPath();
            JsonPath second = submit(KEY_A, key, body).then().statusCode(200)
                    .header("Idempotent-Replayed", "true").extract().jsonPath();

            assertThat(second.getString("id")).isEqualTo(first.getString("id"));
            assertThat(second.getLong("seed")).isEqualTo(first.getLong("seed"));
            String id = first.getString("id");
            assertThat(topics.awaitRecords(Topics.REQUESTS, requests, r -> r.key().startsWith(id + "/"), 2))
                    .hasSize(2);
            assertThat(topics.awaitRecords(Topics.EVENTS, events, r -> r.key().equals(id), 1))
                    .singleElement().satisfies(r -> assertThat(read(r.value(), JobEvent.class).request()
                            .idempotencyKey()).isEqualTo(key));
        }
    }

    @Test
    void formattingAndFieldOrderDoNotMakeAnotherRequest() {
        String key = newKey();
        String compact = "{\"schemaVersion\":1,\"model\":\"fashion-mnist\",\"classes\":[\"bag\"],\"totalImages\":3,"
                + "\"sampler\":{\"name\":\"euler\",\"steps\":10}}";
        String reordered = "{\n  \"sampler\": {\"steps\": 10, \"name\": \"euler\"},\n  \"totalImages\": 3,\n"
                + "  \"classes\": [\"bag\"], \"model\": \"fashion-mnist\", \"schemaVersion\": 1\n}";

        String first = submit(KEY_A, key, compact).then().statusCode(202).extract().path("id");

        submit(KEY_A, key, reordered).then().statusCode(200).body("id", equalTo(first));
    }

    @Test
    void sameKeyWithAnotherRequestIs409AndEnqueuesNothing() {
        String key = newKey();
        String first = submit(KEY_A, key, Requests.ofImages(6)).then().statusCode(202).extract().path("id");
        try (TopicProbe written = new TopicProbe(Api.kafkaBootstrapServers(), false)) {
            Map<TopicPartition, Long> requests = written.endOffsets(Topics.REQUESTS);

            submit(KEY_A, key, Requests.ofImages(7)).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:gdq:problem:idempotency-conflict"))
                    .body("jobId", equalTo(first));

            assertThat(written.readFrom(Topics.REQUESTS, requests)).isEmpty();
        }
    }

    @Test
    void keyInTheBodyWorksLikeTheHeader() {
        String key = newKey();
        String body = Requests.valid(r -> r.put("idempotencyKey", key)).toString();

        String first = as(KEY_A).contentType(ContentType.JSON).body(body).post("/v1/generations")
                .then().statusCode(202).body("idempotencyKey", equalTo(key)).extract().path("id");

        submit(KEY_A, key, Requests.valid().toString()).then().statusCode(200).body("id", equalTo(first));
    }

    @Test
    void headerAndBodyKeysMustAgree() {
        String body = Requests.valid(r -> r.put("idempotencyKey", "body-key")).toString();

        submit(KEY_A, newKey(), body).then().statusCode(400).body("violations[0].field", equalTo("idempotencyKey"));
    }

    @Test
    void keysAreScopedToTheTenant() {
        String key = newKey();
        String body = Requests.valid().toString();

        String ofA = submit(KEY_A, key, body).then().statusCode(202).extract().path("id");
        String ofB = submit(KEY_B, key, body).then().statusCode(202).extract().path("id");

        assertThat(ofB).isNotEqualTo(ofA);
    }

    private static Response submit(String apiKey, String idempotencyKey, String body) {
        return as(apiKey).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body)
                .post("/v1/generations");
    }

    private static String newKey() {
        return "test-" + UUID.randomUUID();
    }
}
