package dev.gdq.api.batches;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.gdq.api.openapi.Examples;
import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.TopicProbe;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** POST /v1/batches: JSONL with good and bad lines. */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BatchSubmissionTest {

    private static final String NDJSON = "application/x-ndjson";

    @Test
    void goodLinesBecomeJobsAndBadLinesAreReportedByLineNumber() {
        String body = String.join("\n",
                Requests.ofImages(4),
                "{\"schemaVersion\": 1, \"model\": \"fashion-mnist\", \"classes\": [\"boot\"], \"totalImages\": 2, "
                        + "\"sampler\": {\"name\": \"ddim\", \"steps\": 0}}",
                "",
                "this is not json",
                Requests.ofImages(9)) + "\n";
        try (TopicProbe topics = new TopicProbe(Api.kafkaBootstrapServers())) {
            Map<TopicPartition, Long> before = topics.endOffsets(Topics.REQUESTS);

            JsonPath batch = ndjson(body).post("/v1/batches")
                    .then().statusCode(202)
                    .body("batchId", startsWith("batch-"))
                    .body("lines", equalTo(4))
                    .body("queued", equalTo(2))
                    .body("rejected", equalTo(2))
                    .body("results.line", equalTo(List.of(1, 2, 4, 5)))
                    .body("results.status", equalTo(List.of("queued", "rejected", "rejected", "queued")))
                    .body("results[1].problem.violations.field", hasItem("classes[0]"))
                    .body("results[1].problem.violations.field", hasItem("sampler.steps"))
                    .body("results[2].problem.violations[0].rule", equalTo("NOT_JSON"))
                    .extract().jsonPath();

            String first = batch.getString("results[0].job.id");
            String last = batch.getString("results[3].job.id");
            List<ConsumerRecord<String, byte[]>> tasks = topics.awaitRecords(Topics.REQUESTS, before,
                    r -> r.key().startsWith(first + "/") || r.key().startsWith(last + "/"), 4);
            assertThat(tasks).filteredOn(r -> r.key().startsWith(first + "/")).hasSize(1);
            assertThat(tasks).filteredOn(r -> r.key().startsWith(last + "/")).hasSize(3);
            as(KEY_A).get("/v1/generations/" + last).then().statusCode(200).body("imageCount", equalTo(9));
        }
    }

    @Test
    void documentedExampleIsAccepted() {
        ndjson(Examples.BATCH_BODY.replace("dress-2", "dress-" + UUID.randomUUID()))
                .post("/v1/batches")
                .then().statusCode(202)
                .body("queued", equalTo(2))
                .body("results[1].problem.violations[0].field", equalTo("classes[0]"));
    }

    @Test
    void lineIdempotencyKeysWorkAcrossAndWithinBatches() {
        String key = "line-" + UUID.randomUUID();
        String line = Requests.valid(r -> r.put("idempotencyKey", key)).toString();

        JsonPath first = ndjson(line + "\n" + line).post("/v1/batches")
                .then().statusCode(202).body("queued", equalTo(1)).body("replayed", equalTo(1)).extract().jsonPath();
        assertThat(first.getString("results[1].job.id")).isEqualTo(first.getString("results[0].job.id"));

        ndjson(line).post("/v1/batches").then().statusCode(200)
                .body("results[0].status", equalTo("replayed"))
                .body("results[0].job.id", equalTo(first.getString("results[0].job.id")));
        String changed = Requests.valid(r -> r.put("idempotencyKey", key).put("totalImages", 5)).toString();
        ndjson(changed + "\n" + Requests.ofImages(1)).post("/v1/batches")
                .then().statusCode(202)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].problem.type", equalTo("urn:gdq:problem:idempotency-conflict"))
                .body("results[0].problem.status", equalTo(409));
    }

    @Test
    void batchWithoutAGoodLineIs400WithEveryLine() {
        try (TopicProbe written = new TopicProbe(Api.kafkaBootstrapServers(), false)) {
            Map<TopicPartition, Long> before = written.endOffsets(Topics.REQUESTS);

            ndjson("{}\n[1]\n").post("/v1/batches")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:gdq:problem:batch-rejected"))
                    .body("lines.line", equalTo(List.of(1, 2)));

            assertThat(written.readFrom(Topics.REQUESTS, before)).isEmpty();
        }
    }

    @Test
    void moreLinesThanTheLimitIs400() {
        String body = (Requests.ofImages(1) + "\n").repeat(11);

        ndjson(body).post("/v1/batches")
                .then().statusCode(400).body("detail", containsString("at most 10"));
    }

    @Test
    void emptyBatchIs400() {
        ndjson("\n\n").post("/v1/batches").then().statusCode(400);
    }

    private static RequestSpecification ndjson(String body) {
        return as(KEY_A).contentType(NDJSON).body(body.getBytes(StandardCharsets.UTF_8));
    }
}
