package dev.gdq.api.restart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.SimulatedWorker;
import dev.gdq.infra.testing.RealServicesResource;
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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An api started on topics that already hold history (an API restart): finished, running, cancelling and
 * idempotently submitted jobs are all reported as before, as soon as the application is ready.
 */
@QuarkusTest
@TestProfile(RestartedApiTest.WithHistory.class)
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RestartedApiTest {

    private static final String KEY = Api.KEY_RESTART;

    /** Runs {@link EarlierInstance} before the application starts. */
    public static class WithHistory implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EarlierInstance.class));
        }
    }

    @ConfigProperty(name = "gdq.test.restart.finished")
    String finished;

    @ConfigProperty(name = "gdq.test.restart.running")
    String running;

    @ConfigProperty(name = "gdq.test.restart.idempotent")
    String idempotent;

    @ConfigProperty(name = "gdq.test.restart.idempotency-key")
    String idempotencyKey;

    @ConfigProperty(name = "gdq.test.restart.cancelling")
    String cancelling;

    @Test
    void readyOnlyOnceTheViewHasCaughtUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'job-view' }.status", equalTo("UP"));
    }

    @Test
    void finishedJobIsStillCompleteWithWorkingLinks() throws Exception {
        JsonPath job = Api.as(KEY).get("/v1/generations/" + finished).then().statusCode(200)
                .body("state", equalTo("COMPLETED"))
                .body("progress.imagesDone", equalTo(6))
                .body("seed", equalTo(77))
                .body("timings.finishedAt", notNullValue())
                .extract().jsonPath();

        assertThat(job.getList("images.index", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5);
        HttpResponse<byte[]> image = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(job.getString("images[5].url"))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(SimulatedWorker.png(105));
    }

    @Test
    void runningJobIsStillRunningWithItsProgress() {
        Api.as(KEY).get("/v1/generations/" + running).then().statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("progress.imagesDone", equalTo(6))
                .body("progress.step", equalTo(13))
                .body("progress.tasksCompleted", equalTo(1))
                .body("progress.tasksRunning", equalTo(1))
                .body("images.size()", equalTo(4));
    }

    @Test
    void cancellingJobIsStillCancelling() {
        Api.as(KEY).get("/v1/generations/" + cancelling).then().statusCode(200)
                .body("state", equalTo("CANCELLING"))
                .body("timings.cancelRequestedAt", notNullValue());
        Api.as(KEY).post("/v1/generations/" + cancelling + "/cancel").then().statusCode(200);
    }

    @Test
    void idempotencyKeysSurviveTheRestart() {
        Api.as(KEY).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(EarlierInstance.IDEMPOTENT_BODY).post("/v1/generations")
                .then().statusCode(200).body("id", equalTo(idempotent));
        Api.as(KEY).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(EarlierInstance.IDEMPOTENT_BODY.replace("\"totalImages\": 3", "\"totalImages\": 4"))
                .post("/v1/generations")
                .then().statusCode(409).body("jobId", equalTo(idempotent));
    }

    @Test
    void listShowsTheEarlierJobsNewestFirst() {
        Api.as(KEY).queryParam("limit", 4).get("/v1/generations").then().statusCode(200)
                .body("items.id", equalTo(List.of(cancelling, idempotent, running, finished)));
    }
}
