package dev.gdq.api;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.gdq.api.openapi.Examples;
import dev.gdq.api.testing.Requests;
import dev.gdq.infra.testing.RealServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health, metrics, OpenAPI and the model list; the documented request examples are accepted. */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperationsEndpointsTest {

    @Test
    void healthIsUpWithKafkaS3ModelsAndTheJobView() {
        given().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "s3", "models", "job-view", "job-view-loop"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.data.'generation.requests'", equalTo("6 partitions"))
                .body("checks.find { it.name == 's3' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountSubmissionsAndRejections() {
        double acceptedBefore = metric("gdq_api_jobs_accepted_total{source=\"single\"}");
        double rejectedBefore = metric("gdq_api_requests_rejected_total{reason=\"invalid\"}");

        as(KEY_A).contentType(ContentType.JSON).body(Requests.valid().toString()).post("/v1/generations")
                .then().statusCode(202);
        as(KEY_A).contentType(ContentType.JSON).body("{}").post("/v1/generations").then().statusCode(400);

        assertThat(metric("gdq_api_jobs_accepted_total{source=\"single\"}")).isEqualTo(acceptedBefore + 1);
        assertThat(metric("gdq_api_requests_rejected_total{reason=\"invalid\"}")).isEqualTo(rejectedBefore + 1);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("gdq_api_view_jobs{state=\"QUEUED\"}", "gdq_api_view_caught_up 1.0",
                "gdq_api_images_requested_total", "gdq_api_jobs_replayed_total");
    }

    @Test
    void openApiDocumentsEveryEndpointWithExamples() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();

        assertThat(openapi.getMap("paths").keySet()).contains("/v1/generations", "/v1/generations/{id}",
                "/v1/generations/{id}/cancel", "/v1/generations/{id}/events", "/v1/batches", "/v1/models");
        assertThat(openapi.getMap("paths.'/v1/generations'.post.requestBody.content.'application/json'.examples"))
                .containsKeys("cfg-linear", "both-guidances");
        assertThat(openapi.getMap("paths.'/v1/generations'.post.responses")).containsKeys("202", "400", "401",
                "409", "413", "415");
        assertThat(openapi.getMap("paths.'/v1/batches'.post.responses")).containsKeys("202", "400", "413", "415");
        assertThat(openapi.getMap("components.schemas")).containsKeys("GenerationRequest", "Job", "Problem",
                "ScheduleSpec");
        assertThat(openapi.getMap("components.securitySchemes")).containsKeys("bearer", "apiKey");
    }

    @Test
    void modelsAreListedWithTheirClassNames() {
        as(KEY_A).get("/v1/models").then().statusCode(200)
                .body("name", hasItems("fashion-mnist", "trivial"))
                .body("find { it.name == 'fashion-mnist' }.classes.name",
                        hasItems("t-shirt", "sneaker", "bag", "ankle-boot"))
                .body("find { it.name == 'fashion-mnist' }.classes.size()", equalTo(10))
                .body("find { it.name == 'fashion-mnist' }.classes[7].index", equalTo(7))
                .body("find { it.name == 'fashion-mnist' }.classifierGuidance", equalTo(true))
                .body("find { it.name == 'fashion-mnist' }.maxSteps", equalTo(1000));
        as(KEY_A).get("/v1/models/fashion-mnist").then().statusCode(200).body("imageSize", equalTo(28));
        as(KEY_A).get("/v1/models/mnist").then().statusCode(404);
    }

    @Test
    void documentedRequestExamplesAreAccepted() {
        as(KEY_A).contentType(ContentType.JSON).body(Examples.GENERATION_REQUEST).post("/v1/generations")
                .then().statusCode(202).body("imageCount", equalTo(16)).body("seed", equalTo(7));
        as(KEY_A).contentType(ContentType.JSON).body(Examples.GENERATION_REQUEST_BOTH_GUIDANCES)
                .post("/v1/generations").then().statusCode(202).body("priority", equalTo(7));
    }

    private static double metric(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
    }
}
