package dev.gdq.api.hardening;

import static dev.gdq.api.testing.Api.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gdq.api.testing.Api;
import dev.gdq.infra.testing.RealServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that writes an oversized body in full before it reads (the JDK client, curl, Python requests) must still
 * read the 413 problem. Answering from the header and closing at once would reset the connection while the body is
 * in flight, and the client would see only a broken connection.
 */
@QuarkusTest
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OversizedBodyTest {

    private static final int ROUNDS = 40;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @ParameterizedTest(name = "{0} bytes sent in full")
    @ValueSource(ints = {64 * 1024, 1 << 20, 2 << 20})
    void aBodySentInFullIsAnswered413WithAProblem(int size) throws Exception {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        for (int round = 0; round < ROUNDS; round++) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(Api.uri("/v1/generations"))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-API-Key", KEY_A)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(answer.statusCode()).as("round %d", round).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = new ObjectMapper().readTree(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(413);
        }
    }

    /** The api drops at most max-discarded-bytes of a refused body, then closes: a client cannot keep it reading. */
    @Test
    void aRefusedBodyIsReadNoFurtherThanTheDiscardBudget() throws Exception {
        long declared = 64L << 20;
        long written = 0;
        try (Socket socket = new Socket()) {
            URI uri = Api.uri("/v1/generations");
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/generations HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY_A
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try {
                while (written < declared) {
                    out.write(chunk);
                    written += chunk.length;
                }
            } catch (SocketException closedByTheApi) {
                // expected once the budget is spent
            }
        }
        assertThat(written).as("bytes written before the api closed").isLessThan(declared / 2);
    }
}
