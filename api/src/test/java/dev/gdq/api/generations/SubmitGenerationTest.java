package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.TENANT_A;
import static dev.gdq.api.testing.Api.as;
import static dev.gdq.api.testing.Records.header;
import static dev.gdq.api.testing.Records.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.TopicProbe;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/generations on the real broker: the answer, the tasks on the topic and the QUEUED event. */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SubmitGenerationTest {

    private TopicProbe topics;

    @BeforeEach
    void openProbe() {
        topics = new TopicProbe(Api.kafkaBootstrapServers());
    }

    @AfterEach
    void closeProbe() {
        topics.close();
    }

    @Test
    void acceptedJobIs202WithLocationAndTheQueuedJob() {
        JsonPath job = as(KEY_A).contentType(ContentType.JSON).body(Requests.ofImages(10))
                .post("/v1/generations")
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/v1/generations/job-[0-9A-Z]{26}"))
                .header("Idempotent-Replayed", "false")
                .body("state", equalTo("QUEUED"))
                .body("imageCount", equalTo(10))
                .body("taskCount", equalTo(3))
                .body("progress.imagesDone", equalTo(0))
                .body("progress.imagesTotal", equalTo(10))
                .body("progress.tasksQueued", equalTo(3))
                .body("request.tenant", equalTo(TENANT_A))
                .body("priority", equalTo(5))
                .extract().jsonPath();

        String id = job.getString("id");
        assertThat(job.getLong("seed")).isNotNull().isNotNegative();
        assertThat(job.getString("links.self")).isEqualTo("/v1/generations/" + id);
        assertThat(job.getString("timings.queuedAt")).isNotBlank();
        as(KEY_A).get("/v1/generations/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void tasksOfAtMostTheBatchSizeAreOnTheRequestsTopic() throws Exception {
        Map<TopicPartition, Long> before = topics.endOffsets(Topics.REQUESTS);

        String id = submit(Requests.ofImages(10));

        List<ConsumerRecord<String, byte[]>> records = topics.awaitRecords(Topics.REQUESTS, before,
                record -> record.key().startsWith(id + "/"), 3);
        List<GenerationTask> tasks = records.stream().map(record -> read(record.value(), GenerationTask.class))
                .sorted(Comparator.comparingInt(GenerationTask::taskIndex)).toList();
        assertThat(records).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(id + "/0", id + "/1", id + "/2");
        assertThat(tasks).extracting(GenerationTask::firstImage).containsExactly(0, 4, 8);
        assertThat(tasks).extracting(GenerationTask::imageCount).containsExactly(4, 4, 2);
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.taskCount()).isEqualTo(3);
            assertThat(task.request().tenant()).isEqualTo(TENANT_A);
            assertThat(task.request().seed()).isNotNull();
            assertThat(task.request().priority()).isEqualTo(5);
        });
        assertThat(records).allSatisfy(record -> {
            assertThat(header(record, Headers.SCHEMA_VERSION)).isEqualTo("1");
            assertThat(header(record, Headers.MESSAGE_TYPE)).isEqualTo("generation-task");
            assertThat(header(record, Headers.TENANT)).isEqualTo(TENANT_A);
        });
    }

    @Test
    void queuedEventCarriesTheResolvedRequestAndItsDigest() throws Exception {
        Map<TopicPartition, Long> before = topics.endOffsets(Topics.EVENTS);

        String id = submit(Requests.valid(r -> r.put("seed", 42).putObject("labels").put("campaign", "spring"))
                .toString());

        List<ConsumerRecord<String, byte[]>> records = topics.awaitRecords(Topics.EVENTS, before,
                record -> record.key().equals(id), 1);
        assertThat(records).singleElement().satisfies(record -> {
            JobEvent queued = read(record.value(), JobEvent.class);
            assertThat(queued.type()).isEqualTo(JobEventType.QUEUED);
            assertThat(queued.taskCount()).isEqualTo(2);
            assertThat(queued.imageCount()).isEqualTo(6);
            assertThat(queued.tenant()).isEqualTo(TENANT_A);
            assertThat(queued.request().seed()).isEqualTo(42L);
            assertThat(queued.request().tenant()).isEqualTo(TENANT_A);
            assertThat(queued.labels()).containsEntry("campaign", "spring");
            assertThat(queued.requestDigest()).matches("[0-9a-f]{64}");
            assertThat(header(record, Headers.MESSAGE_TYPE)).isEqualTo("job-event");
            assertThat(header(record, Headers.TENANT)).isEqualTo(TENANT_A);
        });
    }

    @Test
    void seedIsPickedWhenAbsentAndKeptWhenGiven() {
        String picked = as(KEY_A).contentType(ContentType.JSON).body(Requests.valid().toString())
                .post("/v1/generations").then().statusCode(202).extract().path("request.seed").toString();
        as(KEY_A).contentType(ContentType.JSON).body(Requests.valid(r -> r.put("seed", 7)).toString())
                .post("/v1/generations").then().statusCode(202).body("seed", equalTo(7));

        assertThat(Long.parseLong(picked)).isBetween(0L, (1L << 53) - 1);
    }

    @Test
    void bearerTokenAuthenticatesLikeTheApiKeyHeader() {
        RestAssured.given().header("Authorization", "Bearer " + KEY_A)
                .contentType(ContentType.JSON).body(Requests.valid().toString())
                .post("/v1/generations").then().statusCode(202).body("request.tenant", equalTo(TENANT_A));
    }

    private static String submit(String body) {
        return as(KEY_A).contentType(ContentType.JSON).body(body).post("/v1/generations")
                .then().statusCode(202).extract().path("id");
    }
}
