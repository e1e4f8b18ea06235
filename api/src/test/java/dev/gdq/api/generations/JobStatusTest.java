package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.TENANT_A;
import static dev.gdq.api.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.SimulatedWorker;
import dev.gdq.infra.testing.RealServicesResource;
import io.minio.MinioClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/generations/{id} from events a simulated worker writes: state, progress, timings, error, and presigned
 * URLs that return the very bytes uploaded to the real S3 server.
 */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JobStatusTest {

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
    void jobRunsToCompletionWithPresignedLinksToItsImages() throws Exception {
        String id = submit(6);
        List<byte[]> firstTask = List.of(SimulatedWorker.png(0), SimulatedWorker.png(1), SimulatedWorker.png(2),
                SimulatedWorker.png(3));
        List<byte[]> secondTask = List.of(SimulatedWorker.png(4), SimulatedWorker.png(5));

        worker.started(id, 0, 0, 4, 20);
        worker.progress(id, 0, 0, 4, 0, 10, 20);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> job(id)
                .body("state", equalTo("RUNNING"))
                .body("progress.step", equalTo(10))
                .body("progress.steps", equalTo(20))
                .body("progress.tasksRunning", equalTo(1))
                .body("timings.startedAt", notNullValue())
                .body("timings.finishedAt", nullValue()));

        worker.completed(id, 0, 0, firstTask, 20);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> job(id)
                .body("state", equalTo("RUNNING"))
                .body("progress.imagesDone", equalTo(4))
                .body("images.index", equalTo(List.of(0, 1, 2, 3))));

        worker.started(id, 1, 4, 2, 20);
        worker.completed(id, 1, 4, secondTask, 20);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> job(id)
                .body("state", equalTo("COMPLETED"))
                .body("progress.imagesDone", equalTo(6))
                .body("progress.tasksCompleted", equalTo(2))
                .body("timings.finishedAt", notNullValue()));

        JsonPath job = as(KEY_A).get("/v1/generations/" + id).then().statusCode(200).extract().jsonPath();
        List<String> urls = job.getList("images.url");
        assertThat(job.getList("images.objectKey", String.class)).containsExactly(
                "jobs/" + id + "/0.png", "jobs/" + id + "/1.png", "jobs/" + id + "/2.png",
                "jobs/" + id + "/3.png", "jobs/" + id + "/4.png", "jobs/" + id + "/5.png");
        assertThat(Instant.parse(job.getString("images[0].expiresAt")))
                .isBetween(Instant.now().plusSeconds(500), Instant.now().plusSeconds(700));
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 6; i++) {
            HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(urls.get(i))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).isEqualTo(i < 4 ? firstTask.get(i) : secondTask.get(i - 4));
        }
    }

    @Test
    void tamperedLinkIsRefusedByTheStore() throws Exception {
        String id = submit(1);
        worker.completed(id, 0, 0, List.of(SimulatedWorker.png(9)), 20);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> job(id).body("state", equalTo("COMPLETED")));
        String url = as(KEY_A).get("/v1/generations/" + id).then().extract().path("images[0].url");

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url.replace("/0.png", "/1.png"))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void failedTaskFailsTheJobWithItsError() {
        String id = submit(8);
        worker.started(id, 0, 0, 4, 20);
        worker.failed(id, 0, "STORAGE_UNAVAILABLE", "S3 PUT failed after 5 attempts");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> job(id)
                .body("state", equalTo("RUNNING"))
                .body("progress.tasksFailed", equalTo(1)));

        worker.completedWithoutUpload(id, 1, 4, 4, 20);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> job(id)
                .body("state", equalTo("FAILED"))
                .body("error.code", equalTo("STORAGE_UNAVAILABLE"))
                .body("error.taskIndex", equalTo(0))
                .body("error.message", equalTo("S3 PUT failed after 5 attempts"))
                .body("images.index", equalTo(List.of(4, 5, 6, 7))));
    }

    private static ValidatableResponse job(String id) {
        return as(KEY_A).get("/v1/generations/" + id).then().statusCode(200);
    }

    private static String submit(int images) {
        return as(KEY_A).contentType(ContentType.JSON).body(Requests.ofImages(images)).post("/v1/generations")
                .then().statusCode(202).extract().path("id");
    }
}
