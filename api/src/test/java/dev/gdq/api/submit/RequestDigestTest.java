package dev.gdq.api.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.WireCodec;
import org.junit.jupiter.api.Test;

class RequestDigestTest {

    private static final String REQUEST = """
            {"schemaVersion": 1, "model": "fashion-mnist", "classes": ["bag"], "totalImages": 4,
             "sampler": {"name": "ddim", "steps": 20}, "labels": {"a": "1", "b": "2"}}""";

    @Test
    void isSha256Hex() throws Exception {
        assertThat(RequestDigest.of(read(REQUEST))).matches("[0-9a-f]{64}");
    }

    @Test
    void ignoresWhitespaceFieldOrderAndNumberSpelling() throws Exception {
        String reordered = """
                {"labels": {"b": "2", "a": "1"}, "sampler": {"steps": 20, "name": "ddim"},
                   "totalImages": 4, "classes": ["bag"], "model": "fashion-mnist", "schemaVersion": 1}""";

        assertThat(RequestDigest.of(read(reordered))).isEqualTo(RequestDigest.of(read(REQUEST)));
    }

    @Test
    void ignoresTenantAndIdempotencyKey() throws Exception {
        String withIdentity = REQUEST.replace("\"totalImages\": 4", "\"totalImages\": 4, \"tenant\": \"team-a\", "
                + "\"idempotencyKey\": \"k-1\"");

        assertThat(RequestDigest.of(read(withIdentity))).isEqualTo(RequestDigest.of(read(REQUEST)));
    }

    @Test
    void changesWithTheRequest() throws Exception {
        assertThat(RequestDigest.of(read(REQUEST.replace("\"totalImages\": 4", "\"totalImages\": 5"))))
                .isNotEqualTo(RequestDigest.of(read(REQUEST)));
        assertThat(RequestDigest.of(read(REQUEST.replace("\"totalImages\": 4", "\"totalImages\": 4, \"seed\": 1"))))
                .isNotEqualTo(RequestDigest.of(read(REQUEST)));
    }

    private static GenerationRequest read(String json) throws Exception {
        return WireCodec.read(json, GenerationRequest.class);
    }
}
