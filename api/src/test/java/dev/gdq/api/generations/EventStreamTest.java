package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.TENANT_A;
import static dev.gdq.api.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.SimulatedWorker;
import dev.gdq.api.testing.SseClient;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.WireCodec;
import io.minio.MinioClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /v1/generations/{id}/events: replay, then live, in order, until the terminal state. */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
    void streamReplaysThenFollowsInOrderAndEndsAfterTheTerminalState() throws Exception {
        String id = submit(6);
        try (SseClient stream = SseClient.open(Api.uri("/v1/generations/" + id + "/events"), KEY_A, null)) {
            assertThat(stream.status()).isEqualTo(200);
            List<SseClient.Event> events = new ArrayList<>();
            events.add(stream.next(WAIT));
            events.add(stream.next(WAIT));

            worker.started(id, 0, 0, 4, 20);
            worker.progress(id, 0, 0, 4, 2, 10, 20);
            worker.completedWithoutUpload(id, 0, 0, 4, 20);
            worker.started(id, 1, 4, 2, 20);
            worker.completedWithoutUpload(id, 1, 4, 2, 20);
            events.addAll(stream.awaitEnd(WAIT));

            assertThat(events).extracting(SseClient.Event::name).containsExactly("queued", "state", "started",
                    "state", "progress", "completed", "started", "completed", "state", "job");
            assertThat(events.subList(0, 9)).extracting(e -> Long.parseLong(e.id())).isSorted();
            assertThat(events.get(1).data()).contains("\"state\":\"QUEUED\"");
            assertThat(events.get(3).data()).contains("\"state\":\"RUNNING\"");
            assertThat(events.get(8).data()).contains("\"state\":\"COMPLETED\"");
            JobEvent progress = WireCodec.read(events.get(4).data(), JobEvent.class);
            assertThat(progress.progress().step()).isEqualTo(10);
            assertThat(progress.jobId()).isEqualTo(id);
            JsonPath job = JsonPath.from(events.get(9).data());
            assertThat(job.getString("state")).isEqualTo("COMPLETED");
            assertThat(job.getList("images.url")).hasSize(6);
            assertThat(events.get(9).id()).isNull();
        }
    }

    @Test
    void streamOfAFinishedJobReplaysItAndEnds() throws Exception {
        String id = submit(2);
        worker.started(id, 0, 0, 2, 20);
        worker.progress(id, 0, 0, 2, 1, 5, 20);
        worker.failed(id, 0, "INTERNAL", "worker crashed");
        await().atMost(WAIT).untilAsserted(() -> as(KEY_A).get("/v1/generations/" + id).then()
                .body("state", equalTo("FAILED")));

        try (SseClient stream = SseClient.open(Api.uri("/v1/generations/" + id + "/events"), KEY_A, null)) {
            List<SseClient.Event> events = stream.awaitEnd(WAIT);

            assertThat(events).extracting(SseClient.Event::name).containsExactly("queued", "state", "started",
                    "state", "failed", "state", "job");
            assertThat(JsonPath.from(events.get(6).data()).getString("error.code")).isEqualTo("INTERNAL");
        }
    }

    @Test
    void lastEventIdResumesAfterThatEvent() throws Exception {
        String id = submit(2);
        worker.started(id, 0, 0, 2, 20);
        await().atMost(WAIT).untilAsserted(() -> as(KEY_A).get("/v1/generations/" + id).then()
                .body("state", equalTo("RUNNING")));
        List<SseClient.Event> all = new ArrayList<>();
        try (SseClient stream = SseClient.open(Api.uri("/v1/generations/" + id + "/events"), KEY_A, null)) {
            for (int i = 0; i < 4; i++) {
                all.add(stream.next(WAIT));
            }
        }

        try (SseClient resumed = SseClient.open(Api.uri("/v1/generations/" + id + "/events"), KEY_A,
                all.get(1).id())) {
            assertThat(resumed.next(WAIT).id()).isEqualTo(all.get(2).id());
            worker.cancelled(id, 0);
            List<SseClient.Event> rest = resumed.awaitEnd(WAIT);
            assertThat(rest).extracting(SseClient.Event::name).containsExactly("state", "cancelled", "state", "job");
        }
    }

    @Test
    void cancelRequestAppearsInTheStream() throws Exception {
        String id = submit(2);
        try (SseClient stream = SseClient.open(Api.uri("/v1/generations/" + id + "/events"), KEY_A, null)) {
            stream.next(WAIT);
            stream.next(WAIT);

            as(KEY_A).post("/v1/generations/" + id + "/cancel").then().statusCode(202);

            SseClient.Event cancel = stream.next(WAIT);
            SseClient.Event state = stream.next(WAIT);
            assertThat(cancel.name()).isEqualTo("cancel-requested");
            assertThat(cancel.data()).contains("\"jobId\":\"" + id + "\"");
            assertThat(state.data()).contains("\"state\":\"CANCELLING\"");
        }
    }

    private static String submit(int images) {
        return as(KEY_A).contentType(ContentType.JSON).body(Requests.ofImages(images)).post("/v1/generations")
                .then().statusCode(202).extract().path("id");
    }
}
