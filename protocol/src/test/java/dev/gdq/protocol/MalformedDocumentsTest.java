package dev.gdq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed documents are rejected by the codec with a message naming the field, and by the schema. */
class MalformedDocumentsTest {

    private static final String SAMPLER = "\"sampler\": {\"name\": \"ddim\", \"steps\": 10}";
    private static final String HEAD = "\"schemaVersion\": 1, \"model\": \"fashion-mnist\", \"classes\": [\"bag\"], \"imagesPerClass\": 1";

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("not json at all", DeadLetterReason.NOT_JSON, "", "not JSON"),
                Arguments.of("[1, 2]", DeadLetterReason.NOT_JSON, "", "JSON object"),
                Arguments.of("{\"model\": \"m\"}", DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion", "required"),
                Arguments.of("{\"schemaVersion\": 2, \"model\": \"m\"}", DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION,
                        "schemaVersion", "must be 1"),
                Arguments.of("{\"schemaVersion\": 1, \"classes\": [\"bag\"], \"imagesPerClass\": 1, " + SAMPLER + "}",
                        DeadLetterReason.MALFORMED, "model", "required"),
                Arguments.of("{" + HEAD + "}", DeadLetterReason.MALFORMED, "sampler", "required"),
                Arguments.of("{" + HEAD + ", \"sampler\": {\"name\": \"ddim\", \"steps\": \"many\"}}",
                        DeadLetterReason.MALFORMED, "sampler.steps", "integer"),
                Arguments.of("{" + HEAD + ", \"sampler\": {\"name\": \"ddim\", \"steps\": 2.5}}",
                        DeadLetterReason.MALFORMED, "sampler.steps", "integer"),
                Arguments.of("{" + HEAD + ", \"sampler\": {\"name\": \"ddim\"}}",
                        DeadLetterReason.MALFORMED, "sampler.steps", "required"),
                Arguments.of("{\"schemaVersion\": 1, \"model\": \"m\", \"classes\": [\"bag\", true], \"imagesPerClass\": 1, "
                        + SAMPLER + "}", DeadLetterReason.MALFORMED, "classes[1]", "name (string) or an index"),
                Arguments.of("{" + HEAD + ", " + SAMPLER + ", \"seed\": \"abc\"}",
                        DeadLetterReason.MALFORMED, "seed", "integer"),
                Arguments.of("{" + HEAD + ", " + SAMPLER + ", \"guidance\": {\"cfg\": {\"schedule\": {\"type\": \"zigzag\"}}}}",
                        DeadLetterReason.MALFORMED, "guidance.cfg.schedule", "unknown type 'zigzag'"),
                Arguments.of("{" + HEAD + ", " + SAMPLER + ", \"guidance\": {\"cfg\": {\"schedule\": {\"scale\": 3}}}}",
                        DeadLetterReason.MALFORMED, "guidance.cfg.schedule", "needs a 'type'"),
                Arguments.of("{" + HEAD + ", " + SAMPLER
                                + ", \"guidance\": {\"cfg\": {\"schedule\": {\"type\": \"linear\", \"from\": 1}}}}",
                        DeadLetterReason.MALFORMED, "guidance.cfg.schedule.to", "required"),
                Arguments.of("{" + HEAD + ", " + SAMPLER + ", \"guidance\": {\"cfg\": {\"schedule\": {\"type\": \"piecewise\", "
                                + "\"knots\": [{\"progress\": 0, \"scale\": 1}, {\"progress\": \"late\", \"scale\": 2}]}}}}",
                        DeadLetterReason.MALFORMED, "guidance.cfg.schedule.knots[1].progress", "number"),
                Arguments.of("{" + HEAD + ", " + SAMPLER + ", \"guidance\": {\"cfg\": {}}}",
                        DeadLetterReason.MALFORMED, "guidance.cfg.schedule", "required"),
                Arguments.of("{" + HEAD + ", " + SAMPLER + ", \"labels\": {\"team\": {\"nested\": 1}}}",
                        DeadLetterReason.MALFORMED, "labels.team", "string"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("malformedRequests")
    void codecRejectsWithTheField(String json, DeadLetterReason reason, String field, String rule) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> WireCodec.read(json, GenerationRequest.class));

        assertThat(e).as("rejected").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(rule);
        if (!field.isEmpty()) {
            assertThat(e.getMessage()).startsWith("field '" + field + "'");
        }
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("malformedRequests")
    void schemaRejectsToo(String json, DeadLetterReason reason, String field, String rule) throws Exception {
        if (reason == DeadLetterReason.NOT_JSON && !json.startsWith("[")) {
            return;
        }
        assertThat(Schemas.violations("generation-request", WireCodec.mapper().readTree(json))).isNotEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        GenerationRequest request = WireCodec.read("{" + HEAD + ", " + SAMPLER + ", \"futureField\": {\"x\": 1}}",
                GenerationRequest.class);

        assertThat(request.model()).isEqualTo("fashion-mnist");
        assertThat(request.sampler().steps()).isEqualTo(10);
    }

    @Test
    void unknownEventTypeNamesTheField() {
        String json = "{\"schemaVersion\": 1, \"eventId\": \"e\", \"jobId\": \"j\", \"type\": \"DONE\", "
                + "\"timestamp\": \"2026-11-23T16:20:00Z\"}";

        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> WireCodec.read(json, JobEvent.class));

        assertThat(e.field()).isEqualTo("type");
        assertThat(e.getMessage()).contains("COMPLETED");
    }

    @Test
    void classOfImageFollowsTheCountMode() throws Exception {
        GenerationRequest perClass = WireCodec.read("{\"schemaVersion\": 1, \"model\": \"m\", \"classes\": [\"a\", \"b\"], "
                + "\"imagesPerClass\": 2, " + SAMPLER + "}", GenerationRequest.class);
        GenerationRequest roundRobin = WireCodec.read("{\"schemaVersion\": 1, \"model\": \"m\", \"classes\": [\"a\", 3], "
                + "\"totalImages\": 3, " + SAMPLER + "}", GenerationRequest.class);

        assertThat(perClass.imageCount()).isEqualTo(4);
        assertThat(Stream.of(0, 1, 2, 3).map(perClass::classOfImage)).containsExactly(
                ClassRef.named("a"), ClassRef.named("a"), ClassRef.named("b"), ClassRef.named("b"));
        assertThat(Stream.of(0, 1, 2).map(roundRobin::classOfImage)).containsExactly(
                ClassRef.named("a"), ClassRef.indexed(3), ClassRef.named("a"));
    }
}
