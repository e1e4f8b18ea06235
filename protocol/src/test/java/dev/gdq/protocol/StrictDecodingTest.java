package dev.gdq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec takes JSON at its word: no scalar coercions, strict UTF-8, valid Unicode, finite numbers, no twin keys. */
class StrictDecodingTest {

    private static final String VALID = "{\"schemaVersion\": 1, \"model\": \"m\", \"classes\": [\"bag\"], "
            + "\"totalImages\": 2, \"seed\": 5, \"priority\": 3, \"labels\": {\"k\": \"v\"}, "
            + "\"sampler\": {\"name\": \"ddim\", \"steps\": 10, \"eta\": 0.5}, "
            + "\"guidance\": {\"cfg\": {\"schedule\": {\"type\": \"constant\", \"scale\": 3}}}}";

    private static Arguments replaced(String from, String to, String field, String rule) {
        assertThat(VALID).contains(from);
        return Arguments.of(VALID.replace(from, to), field, rule);
    }

    static Stream<Arguments> coercions() {
        return Stream.of(
                replaced("\"steps\": 10", "\"steps\": \"10\"", "sampler.steps", "expected an integer, got a string"),
                replaced("\"steps\": 10", "\"steps\": true", "sampler.steps", "expected an integer, got a boolean"),
                replaced("\"totalImages\": 2", "\"totalImages\": \"\"", "totalImages", "expected an integer"),
                replaced("\"seed\": 5", "\"seed\": \"5\"", "seed", "expected an integer, got a string"),
                replaced("\"priority\": 3", "\"priority\": \"3\"", "priority", "expected an integer, got a string"),
                replaced("\"eta\": 0.5", "\"eta\": \"0.5\"", "sampler.eta", "expected a finite number, got a string"),
                replaced("\"scale\": 3", "\"scale\": \"NaN\"", "guidance.cfg.schedule.scale", "finite number"),
                replaced("\"scale\": 3", "\"scale\": \"Infinity\"", "guidance.cfg.schedule.scale", "finite number"),
                replaced("\"scale\": 3", "\"scale\": 1e400", "guidance.cfg.schedule.scale", "finite number"),
                replaced("\"scale\": 3", "\"scale\": false", "guidance.cfg.schedule.scale", "got a boolean"),
                replaced("\"model\": \"m\"", "\"model\": 5", "model", "expected a string"),
                replaced("\"model\": \"m\"", "\"model\": true", "model", "expected a string"),
                replaced("\"name\": \"ddim\"", "\"name\": 1.5", "sampler.name", "expected a string"),
                replaced("\"k\": \"v\"", "\"k\": 7", "labels.k", "expected a string"),
                replaced("\"k\": \"v\"", "\"k\": \"\\ud800\"", "labels.k", "unpaired surrogate"),
                replaced("\"model\": \"m\"", "\"model\": \"m\\udc00x\"", "model", "unpaired surrogate"),
                replaced("\"model\": \"m\"", "\"model\": \"m\", \"model\": \"n\"", "", "Duplicate field 'model'"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("coercions")
    void refusedNamingTheField(String json, String field, String rule) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> WireCodec.read(json, GenerationRequest.class));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(rule);
    }

    @ParameterizedTest(name = "bytes {0}")
    @MethodSource("invalidUtf8")
    void invalidUtf8IsNotJson(String hex) {
        byte[] inner = HexFormat.of().parseHex(hex);
        byte[] head = "{\"schemaVersion\": 1, \"model\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\", \"classes\": [\"bag\"], \"totalImages\": 1, \"sampler\": {\"name\": \"ddim\", \"steps\": 10}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[head.length + inner.length + tail.length];
        System.arraycopy(head, 0, value, 0, head.length);
        System.arraycopy(inner, 0, value, head.length, inner.length);
        System.arraycopy(tail, 0, value, head.length + inner.length, tail.length);

        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> WireCodec.read(value, GenerationRequest.class));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
        assertThat(e.getMessage()).contains("not valid UTF-8 (at byte " + head.length + ")");
    }

    static Stream<String> invalidUtf8() {
        return Stream.of("c0aec0ae", "e080ae", "f08080ae", "eda080", "edbfbf", "f4908080", "ff", "80", "c3", "e282");
    }

    @Test
    void validDocumentStillReads() throws Exception {
        GenerationRequest request = WireCodec.read(VALID, GenerationRequest.class);

        assertThat(request.sampler().steps()).isEqualTo(10);
        assertThat(request.guidance().cfg().schedule()).isEqualTo(new ScheduleSpec.Constant(3));
    }

    @Test
    void byteOrderMarkAndNonAsciiTextAreFine() throws Exception {
        String json = "\uFEFF" + VALID.replace("\"v\"", "\"caf\u00e9 \ud83d\ude00\"");

        GenerationRequest request = WireCodec.read(json.getBytes(StandardCharsets.UTF_8), GenerationRequest.class);

        assertThat(request.labels()).containsEntry("k", "caf\u00e9 \ud83d\ude00");
    }

    @Test
    void exactReadingRefusesUnknownFieldsAtAnyDepth() {
        String top = VALID.replace("\"seed\": 5", "\"seeed\": 5");
        String nested = VALID.replace("\"eta\": 0.5", "\"etta\": 0.5");
        String schedule = VALID.replace("\"scale\": 3", "\"scale\": 3, \"scael\": 4");

        assertThat(catchThrowableOfType(MalformedMessageException.class,
                () -> WireCodec.readExact(top.getBytes(StandardCharsets.UTF_8), GenerationRequest.class)))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("seeed");
                    assertThat(e.getMessage()).contains("unknown field").contains("seed");
                });
        assertThat(catchThrowableOfType(MalformedMessageException.class,
                () -> WireCodec.readExact(nested.getBytes(StandardCharsets.UTF_8), GenerationRequest.class)).field())
                .isEqualTo("sampler.etta");
        assertThat(catchThrowableOfType(MalformedMessageException.class,
                () -> WireCodec.readExact(schedule.getBytes(StandardCharsets.UTF_8), GenerationRequest.class)).field())
                .isEqualTo("guidance.cfg.schedule.scael");
    }

    @Test
    void tolerantReadingStillIgnoresUnknownFields() throws Exception {
        assertThat(WireCodec.read(VALID.replace("\"seed\": 5", "\"seed\": 5, \"future\": 1"), GenerationRequest.class)
                .seed()).isEqualTo(5L);
        assertThat(WireCodec.readExact(VALID.getBytes(StandardCharsets.UTF_8), GenerationRequest.class).seed())
                .isEqualTo(5L);
    }
}
