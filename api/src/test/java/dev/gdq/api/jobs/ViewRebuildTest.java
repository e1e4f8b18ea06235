package dev.gdq.api.jobs;

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
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A view built from nothing but the topics (as after a restart, or on another api instance) answers like the
 * running application's view: same states, progress, images, timings and idempotency keys.
 */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ViewRebuildTest {

    @Inject
    JobView applicationView;

    @Test
    void freshViewRebuiltFromTheTopicsAnswersLikeTheRunningOne() throws Exception {
        String completed = submit(Requests.ofImages(5), "rebuild-completed-" + System.nanoTime());
        String running = submit(Requests.ofImages(8), null);
        String failed = submit(Requests.ofImages(4), null);
        String cancelling = submit(Requests.ofImages(4), null);
        String queued = submit(Requests.ofImages(3), null);
        try (MinioClient s3 = Api.minio();
             SimulatedWorker worker = new SimulatedWorker(Api.kafkaBootstrapServers(), s3, Api.bucket(), TENANT_A)) {
            worker.started(completed, 0, 0, 4, 20);
            worker.completedWithoutUpload(completed, 0, 0, 4, 20);
            worker.completedWithoutUpload(completed, 1, 4, 1, 20);
            worker.started(running, 1, 4, 4, 20);
            worker.progress(running, 1, 4, 4, 1, 7, 20);
            worker.failed(failed, 0, "INTERNAL", "boom");
            worker.started(cancelling, 0, 0, 4, 20);
        }
        as(KEY_A).post("/v1/generations/" + cancelling + "/cancel").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            state(completed, "COMPLETED");
            state(running, "RUNNING");
            state(failed, "FAILED");
        });

        JobView rebuilt = new JobView();
        try (JobEventsFollower follower = new JobEventsFollower(
                Map.of("bootstrap.servers", Api.kafkaBootstrapServers()), rebuilt,
                new JobEventsFollower.Settings(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofDays(7),
                        Duration.ofMillis(200)), Clock.systemUTC())) {
            follower.start();

            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();

            for (String id : List.of(completed, running, failed, cancelling, queued)) {
                JobSnapshot original = applicationView.find(TENANT_A, id).orElseThrow();
                assertThat(rebuilt.find(TENANT_A, id)).get().usingRecursiveComparison()
                        .ignoringFields("lastSequence").isEqualTo(original);
            }
            assertThat(rebuilt.find(TENANT_A, running).orElseThrow().progress().step()).isEqualTo(7);
            assertThat(rebuilt.find(TENANT_A, cancelling).orElseThrow().state()).isEqualTo(JobState.CANCELLING);
            assertThat(rebuilt.find(TENANT_A, completed).orElseThrow().images()).hasSize(5);
            String key = applicationView.find(TENANT_A, completed).orElseThrow().request().idempotencyKey();
            assertThat(rebuilt.findByIdempotencyKey(TENANT_A, key)).get().extracting(JobSnapshot::jobId)
                    .isEqualTo(completed);
            assertThat(rebuilt.list(TENANT_A, Set.of(), null, 5).jobs()).extracting(JobSnapshot::jobId)
                    .isEqualTo(applicationView.list(TENANT_A, Set.of(), null, 5).jobs().stream()
                            .map(JobSnapshot::jobId).toList());
        }
    }

    private static void state(String id, String expected) {
        as(KEY_A).get("/v1/generations/" + id).then().body("state", equalTo(expected));
    }

    private static String submit(String body, String idempotencyKey) {
        RequestSpecification request = as(KEY_A).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/v1/generations").then().statusCode(202).extract().path("id");
    }
}
