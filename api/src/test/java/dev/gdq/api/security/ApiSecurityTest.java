package dev.gdq.api.security;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.KEY_B;
import static dev.gdq.api.testing.Api.TENANT_A;
import static dev.gdq.api.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.SimulatedWorker;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.Headers;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import io.minio.MinioClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys and tenants on the real api, broker and S3 server: every endpoint of the OpenAPI document is 401 without a
 * known key; another tenant's job is 404 everywhere (status, SSE, cancel, links); the api never signs a link to an
 * object that is not the job's own, whatever a COMPLETED event names; a job whose id could read as a path is never
 * served.
 */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApiSecurityTest {

    private static final String UNKNOWN_JOB = "job-00000000000000000000000000";

    private MinioClient s3;
    private SimulatedWorker workerA;
    private SimulatedWorker workerB;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startWorkers() {
        s3 = Api.minio();
        workerA = new SimulatedWorker(Api.kafkaBootstrapServers(), s3, Api.bucket(), TENANT_A);
        workerB = new SimulatedWorker(Api.kafkaBootstrapServers(), s3, Api.bucket(), "team-b");
    }

    @AfterEach
    void stopWorkers() throws Exception {
        workerA.close();
        workerB.close();
        s3.close();
    }

    /** Every operation of the OpenAPI document, with its path parameters filled in. */
    private static List<String[]> everyOperation() {
        JsonPath openapi = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        List<String[]> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> operations.add(new String[] {m.toUpperCase(), path.replace("{id}", UNKNOWN_JOB)
                        .replace("{name}", "fashion-mnist")})));
        return operations;
    }

    private static Response call(io.restassured.specification.RequestSpecification request, String[] operation) {
        return request.contentType(ContentType.JSON).body(Requests.valid().toString())
                .request(operation[0], operation[1]);
    }

    @Test
    void everyEndpointIs401WithoutAKnownKey() {
        List<String[]> operations = everyOperation();
        assertThat(operations).extracting(o -> o[0] + " " + o[1]).contains("POST /v1/generations", "POST /v1/batches",
                "GET /v1/generations", "GET /v1/generations/" + UNKNOWN_JOB, "GET /v1/generations/" + UNKNOWN_JOB
                        + "/events", "POST /v1/generations/" + UNKNOWN_JOB + "/cancel", "GET /v1/models",
                "GET /v1/models/fashion-mnist");

        for (String[] operation : operations) {
            for (var caller : List.of(given(), given().header("X-API-Key", "wrong-" + UUID.randomUUID()),
                    given().header("Authorization", "Bearer wrong-" + UUID.randomUUID()),
                    given().header("Authorization", "Basic " + KEY_A), given().header("X-API-Key", ""),
                    given().header("X-API-Key", KEY_A.toUpperCase()), given().header("X-API-Key", KEY_A + "x"))) {
                call(caller, operation).then().statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", "Bearer realm=\"gdq\"")
                        .body("type", equalTo("urn:gdq:problem:unauthorized"));
            }
            assertThat(call(as(KEY_B), operation).statusCode()).as(operation[0] + " " + operation[1]).isNotEqualTo(401);
        }
    }

    @Test
    void anotherTenantsFinishedJobAndItsLinksAre404Everywhere() throws Exception {
        String id = submit(KEY_A, 2);
        workerA.completed(id, 0, 0, List.of(SimulatedWorker.png(40), SimulatedWorker.png(41)), 20);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(KEY_A).get("/v1/generations/" + id).then()
                .body("state", equalTo("COMPLETED")));
        String url = as(KEY_A).get("/v1/generations/" + id).then().extract().path("images[0].url");
        assertThat(fetch(url).statusCode()).isEqualTo(200);

        for (String path : List.of("/v1/generations/" + id, "/v1/generations/" + id + "/events")) {
            as(KEY_B).get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:gdq:problem:not-found"));
        }
        as(KEY_B).post("/v1/generations/" + id + "/cancel").then().statusCode(404)
                .contentType("application/problem+json");
        as(KEY_B).get("/v1/generations?limit=100").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(KEY_B).get("/v1/generations?limit=100&state=COMPLETED").then().body("items.id", not(hasItem(id)));
        as(KEY_A).get("/v1/generations/" + id).then().statusCode(200).body("state", equalTo("COMPLETED"));
    }

    @Test
    void aCompletedEventNamingAnotherTenantsObjectsGetsNoLinkToThem() throws Exception {
        String victim = submit(KEY_A, 2);
        List<String> victimKeys = workerA.completed(victim, 0, 0, List.of(SimulatedWorker.png(50),
                SimulatedWorker.png(51)), 20);
        String attacker = submit(KEY_B, 4);
        List<String> forged = List.of(victimKeys.get(0), "jobs/" + attacker + "/../" + victim + "/1.png",
                "../" + victimKeys.get(1), "/" + victimKeys.get(0));
        workerB.completedNaming(attacker, 0, 0, forged, 20);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(KEY_B).get("/v1/generations/" + attacker)
                .then().body("state", equalTo("COMPLETED")));
        JsonPath job = as(KEY_B).get("/v1/generations/" + attacker).then().statusCode(200).extract().jsonPath();
        assertThat(job.getList("images")).as("links of the attacker's job (absent when none)").isNull();
        assertThat(job.getInt("progress.imagesDone")).isEqualTo(4);
        assertThat(job.prettify()).doesNotContain(victim);
        as(KEY_A).get("/v1/generations/" + victim).then().body("images.objectKey", equalTo(victimKeys));
    }

    @Test
    void aJobWhoseIdReadsAsAPathIsNeverServed() throws Exception {
        List<String> ids = List.of("..", "a..b/..", "%2e%2e", "job-x\\..\\y");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Api.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String id : ids) {
                JobEvent queued = new JobEvent(SchemaVersion.V1, UUID.randomUUID().toString(), id, JobEventType.QUEUED,
                        Instant.now(), TENANT_A, null, 1, 6, null, null, null, null, null, null, resolved(), null);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, id, WireCodec.write(queued));
                record.headers().add(Headers.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        String marker = submit(KEY_A, 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(KEY_A).get("/v1/generations?limit=100").then()
                .body("items.id", hasItem(marker)));

        JsonPath list = as(KEY_A).get("/v1/generations?limit=100").then().extract().jsonPath();
        assertThat(list.getList("items.id", String.class)).doesNotContainAnyElementsOf(ids);
        for (String id : ids) {
            String encoded = java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
            as(KEY_A).urlEncodingEnabled(false).get("/v1/generations/" + encoded).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    private static dev.gdq.protocol.GenerationRequest resolved() throws Exception {
        return WireCodec.read(Requests.valid().toString(), dev.gdq.protocol.GenerationRequest.class)
                .withSeedAndTenant(7, TENANT_A);
    }

    private static String submit(String key, int images) {
        return as(key).contentType(ContentType.JSON).body(Requests.ofImages(images)).post("/v1/generations")
                .then().statusCode(202).extract().path("id");
    }

    private HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
