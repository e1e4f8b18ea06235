package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.KEY_B;
import static dev.gdq.api.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.gdq.api.testing.Requests;
import dev.gdq.infra.testing.RealServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** API keys: no key or an unknown key is 401; another tenant's job does not exist (404). */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantIsolationTest {

    @Test
    void requestWithoutKeyIs401Problem() {
        given().contentType(ContentType.JSON).body(Requests.valid().toString()).post("/v1/generations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"gdq\"")
                .body("type", equalTo("urn:gdq:problem:unauthorized"));
        given().get("/v1/generations").then().statusCode(401);
        given().get("/v1/models").then().statusCode(401);
        given().post("/v1/batches").then().statusCode(401);
    }

    @Test
    void unknownKeyIs401() {
        as("not-a-key").get("/v1/generations").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").get("/v1/generations").then().statusCode(401);
        given().header("Authorization", "Basic " + KEY_A).get("/v1/generations").then().statusCode(401);
    }

    @Test
    void anotherTenantsJobIs404Everywhere() {
        String id = as(KEY_A).contentType(ContentType.JSON).body(Requests.valid().toString())
                .post("/v1/generations").then().statusCode(202).extract().path("id");

        as(KEY_B).get("/v1/generations/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:gdq:problem:not-found"));
        as(KEY_B).post("/v1/generations/" + id + "/cancel").then().statusCode(404);
        as(KEY_B).get("/v1/generations/" + id + "/events").then().statusCode(404);
        as(KEY_B).get("/v1/generations?limit=100").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(KEY_A).get("/v1/generations/" + id).then().statusCode(200).body("id", equalTo(id));
        as(KEY_A).get("/v1/generations/" + id).then().statusCode(200).body("state", equalTo("QUEUED"));
    }

    @Test
    void unknownJobIs404() {
        as(KEY_A).get("/v1/generations/job-00000000000000000000000000").then().statusCode(404)
                .body("jobId", equalTo("job-00000000000000000000000000"));
    }

    @Test
    void operationsEndpointsNeedNoKey() {
        given().get("/q/health/live").then().statusCode(200);
    }
}
