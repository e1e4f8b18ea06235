package dev.gdq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in docs/protocol.md validates against its schema and round-trips through its record. */
class DocumentedExamplesTest {

    private static final Pattern EXAMPLE = Pattern.compile("```json ([a-z-]+)\\n(.*?)```", Pattern.DOTALL);
    private static final Map<String, Class<?>> RECORDS = Map.of(
            "schedule", ScheduleSpec.class,
            "generation-request", GenerationRequest.class,
            "generation-task", GenerationTask.class,
            "job-event", JobEvent.class,
            "cancellation", CancellationRequest.class,
            "model-manifest", ModelManifest.class);

    static Stream<Arguments> examples() throws IOException {
        String doc = Files.readString(repoRoot().resolve("docs/protocol.md"));
        List<Arguments> found = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            found.add(Arguments.of(m.group(1), m.group(2)));
        }
        assertThat(found).extracting(a -> a.get()[0]).containsAll(RECORDS.keySet());
        return found.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void exampleValidatesAgainstItsSchema(String kind, String json) throws IOException {
        JsonNode document = WireCodec.mapper().readTree(json);

        assertThat(Schemas.violations(kind, document)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void exampleRoundTripsThroughItsRecord(String kind, String json) throws Exception {
        JsonNode original = WireCodec.mapper().readTree(json);
        Object record = kind.equals("schedule")
                ? WireCodec.mapper().treeToValue(original, ScheduleSpec.class)
                : WireCodec.read(original, RECORDS.get(kind));

        JsonNode written = WireCodec.mapper().readTree(WireCodec.write(record));

        assertThat(written).isEqualTo(original);
        assertThat(WireCodec.mapper().treeToValue(written, RECORDS.get(kind))).isEqualTo(record);
    }

    static Path repoRoot() {
        String configured = System.getProperty("gdq.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/protocol.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/protocol.md above " + start);
    }
}
