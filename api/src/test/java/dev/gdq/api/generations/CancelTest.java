package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.TENANT_A;
import static dev.gdq.api.testing.Api.as;
import static dev.gdq.api.testing.Records.header;
import static dev.gdq.api.testing.Records.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.SimulatedWorker;
import dev.gdq.api.testing.TopicProbe;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.CancellationRequest;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.Topics;
import io.minio.MinioClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/generations/{id}/cancel: a cancellation record, CANCELLING, then CANCELLED from the workers' events. */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CancelTest {

    private MinioClient s3;
    private SimulatedWorker worker;

    @BeforeEach
    void startWorker() {
        s3 = Api.minio();
        worker = new SimulatedWorker(Api.kafkaBootstrapServers(), s3, Api.bucket(), TENANT_A);
    }

    @AfterEach
    void stopWorker() throws Exception {
        worker.close();
        s3.close();
    }

    @Test
    void cancelWritesACancellationAndTheJobIsCancelling() {
        String id = submit(8);
        try (TopicProbe topics = new TopicProbe(Api.kafkaBootstrapServers())) {
            Map<TopicPartition, Long> before = topics.endOffsets(Topics.CANCELLATIONS);

            as(KEY_A).post("/v1/generations/" + id + "/cancel")
                    .then().statusCode(202)
                    .body("state", equalTo("CANCELLING"))
                    .body("cancelReason", equalTo("user request"))
                    .body("timings.cancelRequestedAt", notNullValue());

            assertThat(topics.awaitRecords(Topics.CANCELLATIONS, before, r -> r.key().equals(id), 1))
                    .singleElement().satisfies(record -> {
                        CancellationRequest cancellation = read(record.value(), CancellationRequest.class);
                        assertThat(cancellation.jobId()).isEqualTo(id);
                        assertThat(cancellation.tenant()).isEqualTo(TENANT_A);
                        assertThat(header(record, Headers.MESSAGE_TYPE)).isEqualTo("cancellation");
                        assertThat(header(record, Headers.SCHEMA_VERSION)).isEqualTo("1");
                    });
        }
    }

    @Test
    void cancelledTasksEndTheJobCancelledAndCancellingAgainChangesNothing() {
        String id = submit(8);
        worker.started(id, 0, 0, 4, 20);
        as(KEY_A).post("/v1/generations/" + id + "/cancel").then().statusCode(202);
        try (TopicProbe written = new TopicProbe(Api.kafkaBootstrapServers(), false)) {
            Map<TopicPartition, Long> before = written.endOffsets(Topics.CANCELLATIONS);
            as(KEY_A).post("/v1/generations/" + id + "/cancel").then().statusCode(200)
                    .body("state", equalTo("CANCELLING"));
            assertThat(written.readFrom(Topics.CANCELLATIONS, before)).isEmpty();
        }

        worker.cancelled(id, 0);
        worker.cancelled(id, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(KEY_A).get("/v1/generations/" + id)
                .then().body("state", equalTo("CANCELLED"))
                .body("progress.tasksCancelled", equalTo(2))
                .body("timings.finishedAt", notNullValue()));
        as(KEY_A).post("/v1/generations/" + id + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
    }

    @Test
    void completedJobCannotBeCancelled() {
        String id = submit(2);
        worker.completedWithoutUpload(id, 0, 0, 2, 20);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(KEY_A).get("/v1/generations/" + id)
                .then().body("state", equalTo("COMPLETED")));

        as(KEY_A).post("/v1/generations/" + id + "/cancel")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gdq:problem:job-finished"))
                .body("state", equalTo("COMPLETED"));
    }

    @Test
    void unknownJobCannotBeCancelled() {
        as(KEY_A).post("/v1/generations/job-00000000000000000000000000/cancel").then().statusCode(404);
    }

    private static String submit(int images) {
        return as(KEY_A).contentType(ContentType.JSON).body(Requests.ofImages(images)).post("/v1/generations")
                .then().statusCode(202).extract().path("id");
    }
}
