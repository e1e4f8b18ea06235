package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_PAGES;
import static dev.gdq.api.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

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
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /v1/generations?state=&cursor=&limit=: the caller's jobs, newest first, page by page. */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {

    private final List<String> submitted = new ArrayList<>();

    /** Once per class, in a BeforeEach because the HTTP port is known only then. */
    @BeforeEach
    void submitSevenJobsAndCompleteOne() throws Exception {
        if (!submitted.isEmpty()) {
            return;
        }
        for (int i = 0; i < 7; i++) {
            submitted.add(as(KEY_PAGES).contentType(ContentType.JSON).body(Requests.ofImages(1))
                    .post("/v1/generations").then().statusCode(202).extract().path("id"));
        }
        try (MinioClient s3 = Api.minio();
             SimulatedWorker worker = new SimulatedWorker(Api.kafkaBootstrapServers(), s3, Api.bucket(),
                     "team-pages")) {
            worker.completedWithoutUpload(submitted.get(2), 0, 0, 1, 20);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(KEY_PAGES)
                .get("/v1/generations/" + submitted.get(2)).then().body("state", equalTo("COMPLETED")));
    }

    @Test
    void pagesCoverEveryJobOnceNewestFirst() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as(KEY_PAGES).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/generations").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(3);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        List<String> newestFirst = new ArrayList<>(submitted);
        Collections.reverse(newestFirst);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.subList(0, newestFirst.size())).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void listedJobsCarryNoImagesOrRequest() {
        as(KEY_PAGES).queryParam("limit", 1).get("/v1/generations").then().statusCode(200)
                .body("items[0].images", nullValue())
                .body("items[0].request", nullValue())
                .body("items[0].links.self", startsWith("/v1/generations/job-"));
    }

    @Test
    void stateFilterKeepsOnlyJobsInThoseStates() {
        as(KEY_PAGES).queryParam("state", "COMPLETED").get("/v1/generations")
                .then().statusCode(200).body("items[0].id", equalTo(submitted.get(2)))
                .body("items.state", everyItem(equalTo("COMPLETED")));
        as(KEY_PAGES).queryParam("state", "completed,running").get("/v1/generations")
                .then().statusCode(200).body("items[0].id", equalTo(submitted.get(2)));
        JsonPath queued = as(KEY_PAGES).queryParam("state", "QUEUED").queryParam("limit", 100)
                .get("/v1/generations").then().statusCode(200).extract().jsonPath();
        List<String> queuedIds = queued.getList("items.id", String.class);
        assertThat(queuedIds).doesNotContain(submitted.get(2));
        assertThat(queuedIds.subList(0, 6)).containsExactlyElementsOf(List.of(submitted.get(6), submitted.get(5),
                submitted.get(4), submitted.get(3), submitted.get(1), submitted.get(0)));
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        as(KEY_PAGES).queryParam("state", "DONE").get("/v1/generations")
                .then().statusCode(400).body("violations[0].field", equalTo("state"));
        as(KEY_PAGES).queryParam("cursor", "not-a-cursor!").get("/v1/generations")
                .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
        as(KEY_PAGES).queryParam("limit", 0).get("/v1/generations")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
        as(KEY_PAGES).queryParam("limit", "ten").get("/v1/generations")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
        as(KEY_PAGES).queryParam("limit", 101).get("/v1/generations")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }
}
