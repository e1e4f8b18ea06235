package dev.gdq.api.generations;

import static dev.gdq.api.testing.Api.KEY_A;
import static dev.gdq.api.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.Requests;
import dev.gdq.api.testing.TopicProbe;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid requests: each is 400 application/problem+json naming the offending field, and nothing reaches the
 * topics: their end offsets (high watermarks, which count every record written, committed or not) do not move.
 * Each case breaks one rule of an otherwise valid request.
 */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidRequestsTest {

    private TopicProbe topics;

    /** Opens a probe of everything written, once earlier tests' transactions have settled. */
    @BeforeAll
    void openProbe() {
        topics = new TopicProbe(Api.kafkaBootstrapServers(), false);
        try (TopicProbe committed = new TopicProbe(Api.kafkaBootstrapServers())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(committed.endOffsets(Topics.REQUESTS)).isEqualTo(topics.endOffsets(Topics.REQUESTS));
                assertThat(committed.endOffsets(Topics.EVENTS)).isEqualTo(topics.endOffsets(Topics.EVENTS));
            });
        }
    }

    @AfterAll
    void closeProbe() {
        topics.close();
    }

    private static Arguments invalid(String name, String field, Consumer<ObjectNode> change) {
        return Arguments.of(name, Requests.valid(change).toString(), field);
    }

    private static ObjectNode schedule(ObjectNode request) {
        return request.withObject("/guidance/cfg/schedule");
    }

    private static ObjectNode newSchedule(ObjectNode request, String type) {
        ObjectNode schedule = request.withObject("/guidance/cfg").putObject("schedule");
        schedule.put("type", type);
        return schedule;
    }

    private static ObjectNode sampler(ObjectNode request) {
        return (ObjectNode) request.get("sampler");
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                invalid("schema version missing", "schemaVersion", r -> r.remove("schemaVersion")),
                invalid("schema version 2", "schemaVersion", r -> r.put("schemaVersion", 2)),
                invalid("schema version as text", "schemaVersion", r -> r.put("schemaVersion", "1")),
                invalid("model missing", "model", r -> r.remove("model")),
                invalid("model blank", "model", r -> r.put("model", " ")),
                invalid("model not served", "model", r -> r.put("model", "mnist")),
                invalid("classes missing", "classes", r -> r.remove("classes")),
                invalid("classes empty", "classes", r -> r.putArray("classes")),
                invalid("classes not a list", "classes", r -> r.put("classes", "sneaker")),
                invalid("unknown class name", "classes[0]", r -> r.putArray("classes").add("boot")),
                invalid("class index past the last", "classes[1]", r -> r.putArray("classes").add("bag").add(10)),
                invalid("negative class index", "classes[0]", r -> r.putArray("classes").add(-1)),
                invalid("class as boolean", "classes[0]", r -> r.putArray("classes").add(true)),
                invalid("class as fraction", "classes[0]", r -> r.putArray("classes").add(1.5)),
                invalid("class null", "classes[0]", r -> r.putArray("classes").addNull()),
                invalid("both image counts", "imagesPerClass", r -> r.put("imagesPerClass", 2)),
                invalid("neither image count", "imagesPerClass", r -> r.remove("totalImages")),
                invalid("zero images per class", "imagesPerClass", r -> {
                    r.remove("totalImages");
                    r.put("imagesPerClass", 0);
                }),
                invalid("negative total", "totalImages", r -> r.put("totalImages", -1)),
                invalid("total above the limit", "totalImages", r -> r.put("totalImages", 10_001)),
                invalid("per class times classes above the limit", "imagesPerClass", r -> {
                    r.remove("totalImages");
                    r.put("imagesPerClass", 6000);
                }),
                invalid("total as fraction", "totalImages", r -> r.put("totalImages", 2.5)),
                invalid("total as text", "totalImages", r -> r.put("totalImages", "many")),
                invalid("seed as text", "seed", r -> r.put("seed", "lucky")),
                invalid("priority above 9", "priority", r -> r.put("priority", 10)),
                invalid("negative priority", "priority", r -> r.put("priority", -1)),
                invalid("sampler missing", "sampler", r -> r.remove("sampler")),
                invalid("sampler as text", "sampler", r -> r.put("sampler", "ddim")),
                invalid("sampler name missing", "sampler.name", r -> sampler(r).remove("name")),
                invalid("unknown sampler", "sampler.name", r -> sampler(r).put("name", "heun")),
                invalid("steps missing", "sampler.steps", r -> sampler(r).remove("steps")),
                invalid("zero steps", "sampler.steps", r -> sampler(r).put("steps", 0)),
                invalid("more steps than T", "sampler.steps", r -> sampler(r).put("steps", 1001)),
                invalid("steps as fraction", "sampler.steps", r -> sampler(r).put("steps", 1.5)),
                invalid("unknown spacing", "sampler.timestepSpacing", r -> sampler(r).put("timestepSpacing",
                        "uniform")),
                invalid("eta above 1", "sampler.eta", r -> sampler(r).put("eta", 1.5)),
                invalid("negative eta", "sampler.eta", r -> sampler(r).put("eta", -0.1)),
                invalid("eta for euler", "sampler.eta", r -> sampler(r).put("name", "euler").put("eta", 0.5)),
                invalid("unknown ddpm variance", "sampler.ddpmVariance", r -> sampler(r).put("name", "ddpm")
                        .put("ddpmVariance", "fixed_large")),
                invalid("ddpm variance for ddim", "sampler.ddpmVariance", r -> sampler(r).put("ddpmVariance",
                        "beta")),
                invalid("cfg without schedule", "guidance.cfg.schedule", r -> r.withObject("/guidance").putObject("cfg")),
                invalid("schedule without type", "guidance.cfg.schedule", r -> schedule(r).remove("type")),
                invalid("unknown schedule type", "guidance.cfg.schedule", r -> schedule(r).put("type", "sigmoid")),
                invalid("constant scale missing", "guidance.cfg.schedule.scale", r -> schedule(r).remove("scale")),
                invalid("negative constant scale", "guidance.cfg.schedule.scale", r -> schedule(r).put("scale", -1)),
                invalid("scale above the limit", "guidance.cfg.schedule.scale", r -> schedule(r).put("scale", 31)),
                invalid("negative linear start", "guidance.cfg.schedule.from", r -> newSchedule(r, "linear")
                        .put("from", -2).put("to", 3)),
                invalid("huge linear end", "guidance.cfg.schedule.to", r -> newSchedule(r, "linear")
                        .put("from", 1).put("to", 1e9)),
                invalid("cosine end as text", "guidance.cfg.schedule.to", r -> newSchedule(r, "cosine")
                        .put("from", 1).put("to", "high")),
                invalid("zero power exponent", "guidance.cfg.schedule.exponent", r -> newSchedule(r, "power")
                        .put("from", 1).put("to", 3).put("exponent", 0)),
                invalid("negative power exponent", "guidance.cfg.schedule.exponent", r -> newSchedule(r, "power")
                        .put("from", 1).put("to", 3).put("exponent", -1)),
                invalid("interval bounds reversed", "guidance.cfg.schedule.sigmaLow", r -> newSchedule(r,
                        "interval").put("scale", 3).put("sigmaLow", 5).put("sigmaHigh", 1)),
                invalid("negative interval bound", "guidance.cfg.schedule.sigmaLow", r -> newSchedule(r,
                        "interval").put("scale", 3).put("sigmaLow", -1).put("sigmaHigh", 2)),
                invalid("no knots", "guidance.cfg.schedule.knots", r -> newSchedule(r, "piecewise")
                        .putArray("knots")),
                invalid("knots out of order", "guidance.cfg.schedule.knots[1].progress", r -> {
                    ArrayNode knots = newSchedule(r, "piecewise").putArray("knots");
                    knots.addObject().put("progress", 0.5).put("scale", 1);
                    knots.addObject().put("progress", 0.2).put("scale", 3);
                }),
                invalid("knot progress above 1", "guidance.cfg.schedule.knots[0].progress", r ->
                        newSchedule(r, "piecewise").putArray("knots").addObject().put("progress", 1.5)
                                .put("scale", 1)),
                invalid("explicit list shorter than steps", "guidance.cfg.schedule.scales", r -> {
                    ArrayNode scales = newSchedule(r, "explicit").putArray("scales");
                    for (int i = 0; i < 19; i++) {
                        scales.add(2.0);
                    }
                }),
                invalid("negative explicit scale", "guidance.cfg.schedule.scales[3]", r -> {
                    ArrayNode scales = newSchedule(r, "explicit").putArray("scales");
                    for (int i = 0; i < 20; i++) {
                        scales.add(i == 3 ? -1.0 : 2.0);
                    }
                }),
                invalid("null explicit scale", "guidance.cfg.schedule.scales[2]", r -> {
                    ArrayNode scales = newSchedule(r, "explicit").putArray("scales");
                    for (int i = 0; i < 20; i++) {
                        if (i == 2) {
                            scales.addNull();
                        } else {
                            scales.add(2.0);
                        }
                    }
                }),
                invalid("negative classifier scale", "guidance.classifier.schedule.scale", r ->
                        r.withObject("/guidance/classifier").putObject("schedule")
                                .put("type", "constant").put("scale", -1)),
                invalid("rescale above 1", "guidance.rescale", r -> r.withObject("/guidance")
                        .put("rescale", 1.5)),
                invalid("negative rescale", "guidance.rescale", r -> r.withObject("/guidance")
                        .put("rescale", -0.1)),
                invalid("zero thresholding percentile", "guidance.thresholding.percentile", r ->
                        r.withObject("/guidance").putObject("thresholding").put("percentile", 0)),
                invalid("thresholding percentile above 1", "guidance.thresholding.percentile", r ->
                        r.withObject("/guidance").putObject("thresholding").put("percentile", 1.5)),
                invalid("thresholding without percentile", "guidance.thresholding.percentile", r ->
                        r.withObject("/guidance").putObject("thresholding")),
                invalid("another tenant", "tenant", r -> r.put("tenant", "team-b")),
                invalid("idempotency key with a space", "idempotencyKey", r -> r.put("idempotencyKey", "a b")),
                invalid("idempotency key too long", "idempotencyKey", r -> r.put("idempotencyKey", "k".repeat(256))),
                invalid("too many labels", "labels", r -> {
                    ObjectNode labels = r.putObject("labels");
                    for (int i = 0; i < 33; i++) {
                        labels.put("l" + i, "v");
                    }
                }),
                invalid("label value too long", "labels.note", r -> r.putObject("labels").put("note",
                        "x".repeat(257))),
                invalid("label value an object", "labels.note", r -> r.putObject("labels").putObject("note")));
    }

    @Test
    void tableHasAtLeastFiftyCases() {
        assertThat(invalidRequests().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestIs400NamingTheFieldAndEnqueuesNothing(String name, String body, String field) {
        Map<TopicPartition, Long> requests = topics.endOffsets(Topics.REQUESTS);
        Map<TopicPartition, Long> events = topics.endOffsets(Topics.EVENTS);

        as(KEY_A).contentType(ContentType.JSON).body(body).post("/v1/generations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:gdq:problem:invalid-request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/v1/generations"))
                .body("violations.field", hasItem(field));

        assertThat(topics.endOffsets(Topics.REQUESTS)).isEqualTo(requests);
        assertThat(topics.endOffsets(Topics.EVENTS)).isEqualTo(events);
    }

    @Test
    void everyViolationIsListedWithItsField() {
        String body = Requests.valid(r -> {
            r.put("model", "fashion-mnist");
            r.putArray("classes").add("boot").add("bag");
            ((ObjectNode) r.get("sampler")).put("steps", 0).put("eta", 2.0);
            r.put("priority", 12);
        }).toString();

        JsonPath problem = as(KEY_A).contentType(ContentType.JSON).body(body).post("/v1/generations")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();

        List<String> fields = problem.getList("violations.field");
        assertThat(fields).containsExactlyInAnyOrder("classes[0]", "sampler.steps", "sampler.eta", "priority");
        assertThat(problem.getList("violations.rule", String.class)).doesNotContainNull();
        assertThat(problem.getList("violations.message", String.class)).allSatisfy(message ->
                assertThat(message).isNotBlank());
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("not JSON", "{\"schemaVersion\": 1,", "NOT_JSON"),
                Arguments.of("an array", "[1, 2]", "NOT_JSON"),
                Arguments.of("empty", "", "REQUIRED"),
                Arguments.of("null", "null", "NOT_JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void unreadableBodyIs400ForTheWholeBody(String name, String body, String rule) {
        Map<TopicPartition, Long> requests = topics.endOffsets(Topics.REQUESTS);

        as(KEY_A).contentType(ContentType.JSON).body(body).post("/v1/generations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo(""))
                .body("violations[0].rule", equalTo(rule));

        assertThat(topics.endOffsets(Topics.REQUESTS)).isEqualTo(requests);
    }

    @Test
    void bodyAboveTheLimitIs413() {
        String body = Requests.valid(r -> r.putObject("labels").put("padding", "x".repeat(20_000))).toString();

        as(KEY_A).contentType(ContentType.JSON).body(body).post("/v1/generations")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:gdq:problem:payload-too-large"));
    }

    @Test
    void otherMediaTypeIs415Problem() {
        as(KEY_A).contentType(ContentType.TEXT).body(Requests.valid().toString()).post("/v1/generations")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
