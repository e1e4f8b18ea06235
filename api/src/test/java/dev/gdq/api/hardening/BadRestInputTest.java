package dev.gdq.api.hardening;

import static dev.gdq.api.testing.Api.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdq.api.testing.Api;
import dev.gdq.api.testing.TopicProbe;
import dev.gdq.infra.testing.RealServicesResource;
import dev.gdq.protocol.Topics;
import dev.gdq.protocol.WireCodec;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Generated bad REST inputs ({@link BadInputGenerator}) against the real api, Kafka broker and S3 server: every one
 * is answered 4xx with {@code application/problem+json} naming the field where one applies, never 5xx, and nothing
 * reaches {@code generation.requests} — the topic's high watermarks do not move after any input, and a
 * {@code read_committed} reader finds no record written since the first input.
 *
 * <p>{@code mvn verify} runs the smoke scope; {@code -Dgdq.bad-input.scope=full} runs the full one. The figures are
 * written to {@code target/bad-rest-input-report.txt} (see docs/reliability.md).
 */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadRestInputTest {

    static final String SCOPE_PROPERTY = "gdq.bad-input.scope";
    private static final Path REPORT = Path.of("target", "bad-rest-input-report.txt");

    @ConfigProperty(name = "gdq.api.limits.max-request-bytes")
    int maxRequestBytes;

    @ConfigProperty(name = "gdq.api.limits.max-batch-bytes")
    int maxBatchBytes;

    @ConfigProperty(name = "gdq.api.limits.max-batch-lines")
    int maxBatchLines;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private BadInputGenerator generator;
    private TopicProbe written;
    private Map<TopicPartition, Long> requestsBefore;
    private Map<TopicPartition, Long> eventsBefore;

    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger problem4xx = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger enqueuedAfter = new AtomicInteger();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> categories = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private long startedNanos;

    private BadInputGenerator.Scope scope() {
        return BadInputGenerator.Scope.valueOf(System.getProperty(SCOPE_PROPERTY, "smoke").toUpperCase());
    }

    @Test
    @Order(1)
    void everyStartingRequestIsValid() {
        generator = new BadInputGenerator(scope(), maxRequestBytes, maxBatchBytes, maxBatchLines,
                UUID.randomUUID().toString());
        for (ObjectNode valid : generator.validRequests()) {
            Api.as(KEY_A).contentType("application/json").body(valid.toString()).post("/v1/generations")
                    .then().statusCode(202);
        }
        written = new TopicProbe(Api.kafkaBootstrapServers(), false);
        try (TopicProbe committed = new TopicProbe(Api.kafkaBootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committed.endOffsets(Topics.REQUESTS))
                    .isEqualTo(written.endOffsets(Topics.REQUESTS)));
        }
        requestsBefore = written.endOffsets(Topics.REQUESTS);
        eventsBefore = written.endOffsets(Topics.EVENTS);
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> badInputIs4xxProblemAndEnqueuesNothing() {
        List<BadInput> inputs = generator.generate();
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(200);
        startedNanos = System.nanoTime();
        return inputs.stream().map(input -> DynamicTest.dynamicTest(BadInputGenerator.printable(input.toString()),
                () -> check(input)));
    }

    @Test
    @Order(3)
    void nothingWasWrittenToTheRequestsTopic() throws IOException {
        List<ConsumerRecord<String, byte[]>> committed;
        try (TopicProbe reader = new TopicProbe(Api.kafkaBootstrapServers())) {
            committed = reader.readFrom(Topics.REQUESTS, requestsBefore);
        }
        writeReport(committed.size());

        assertThat(written.endOffsets(Topics.REQUESTS)).isEqualTo(requestsBefore);
        assertThat(written.endOffsets(Topics.EVENTS)).isEqualTo(eventsBefore);
        assertThat(committed).isEmpty();
        assertThat(serverErrors).hasValue(0);
        assertThat(problem4xx.get()).isEqualTo(sent.get());
    }

    @AfterAll
    void closeProbe() {
        if (written != null) {
            written.close();
        }
    }

    private void check(BadInput input) throws Exception {
        DeclaredLengthClient.Answer answer = send(input);
        boolean moved = !written.endOffsets(Topics.REQUESTS).equals(requestsBefore);
        JsonNode body = parse(answer.body());
        record(input, answer.status(), answer.contentType().startsWith("application/problem+json") && body != null
                && body.path("status").asInt() == answer.status(), moved);

        assertThat(answer.status()).as("status of %s; body %s", input, new String(answer.body(),
                StandardCharsets.UTF_8)).isEqualTo(input.status());
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(body).as("a problem document").isNotNull();
        assertThat(body.path("status").asInt()).isEqualTo(answer.status());
        if (!input.fields().isEmpty()) {
            List<String> named = namedFields(body);
            assertThat(named).as("fields named for %s; body %s", input, body)
                    .anyMatch(field -> input.fields().stream().anyMatch(wanted -> sameOrRelated(field, wanted)));
        }
        assertThat(moved).as("generation.requests moved after %s", input).isFalse();
    }

    /** Bodies above 1 MiB are declared in full and written in part: the api must refuse them from the header. */
    private DeclaredLengthClient.Answer send(BadInput input) throws IOException, InterruptedException {
        if (input.body() != null && !input.chunked() && input.body().length > (1 << 20)) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(input.headers());
            headers.put("X-API-Key", KEY_A);
            return DeclaredLengthClient.send(Api.uri(input.path()), input.method(), headers, input.body());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(Api.uri(input.path()))
                .timeout(Duration.ofSeconds(60))
                .header("X-API-Key", KEY_A);
        input.headers().forEach(request::header);
        if (input.body() == null) {
            request.method(input.method(), HttpRequest.BodyPublishers.noBody());
        } else if (input.chunked()) {
            request.method(input.method(), HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(input.body())));
        } else {
            request.method(input.method(), HttpRequest.BodyPublishers.ofByteArray(input.body()));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new DeclaredLengthClient.Answer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private synchronized void record(BadInput input, int status, boolean isProblem, boolean moved) {
        sent.incrementAndGet();
        statuses.merge(status, 1, Integer::sum);
        categories.merge(input.category(), 1, Integer::sum);
        if (status >= 400 && status < 500 && isProblem) {
            problem4xx.incrementAndGet();
        } else {
            failures.add(status + " " + input);
        }
        if (status >= 500) {
            serverErrors.incrementAndGet();
        }
        if (moved) {
            enqueuedAfter.incrementAndGet();
        }
    }

    private void writeReport(int committedRecords) throws IOException {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String report = String.format("""
                bad REST input run (%s scope)
                inputs sent:                      %d
                4xx with application/problem+json: %d (%.2f%%, rounded down)
                5xx answers:                      %d
                inputs after which generation.requests moved: %d
                records on generation.requests (read_committed) since the first input: %d
                statuses: %s
                inputs by category: %s
                time: %.1f s
                not 4xx problem+json: %s
                """, scope().name().toLowerCase(), sent.get(), problem4xx.get(),
                sent.get() == 0 ? 0.0 : Math.floor(10_000.0 * problem4xx.get() / sent.get()) / 100, serverErrors.get(),
                enqueuedAfter.get(),
                committedRecords, statuses, categories, seconds, failures);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
        System.out.println(report);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = WireCodec.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> namedFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("violations").forEach(v -> fields.add(v.path("field").asText()));
        problem.path("lines").forEach(line -> line.path("violations").forEach(v -> fields.add(v.path("field")
                .asText())));
        return fields;
    }

    /** The same field, or one inside the other (the schedule object for its bad 'type'); the body only as itself. */
    private static boolean sameOrRelated(String named, String wanted) {
        if (named.equals(wanted)) {
            return true;
        }
        if (named.isEmpty() || wanted.isEmpty()) {
            return false;
        }
        return isInside(named, wanted) || isInside(wanted, named);
    }

    private static boolean isInside(String inner, String outer) {
        return inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }
}
