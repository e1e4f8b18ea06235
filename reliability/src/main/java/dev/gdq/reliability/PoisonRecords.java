package dev.gdq.reliability;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Records that a producer skipping the api might put on the requests topic and that no worker may run: each must end
 * on the dead-letter topic, exactly once, while the valid tasks around it complete. Kinds cycle by number.
 */
public final class PoisonRecords {

    /** One poison record: its key and its value (null is a tombstone). */
    public record Poison(String kind, String key, byte[] value) {
    }

    private record Kind(String name, BiFunction<String, GenerationRequest, byte[]> value) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("not JSON", (job, request) -> bytes("generate 16 sneakers please")),
            new Kind("JSON but not an object", (job, request) -> bytes("[1, 2, 3]")),
            new Kind("empty value", (job, request) -> new byte[0]),
            new Kind("null value (tombstone)", (job, request) -> null),
            new Kind("truncated JSON", (job, request) -> truncated(task(job, request))),
            new Kind("unsupported schemaVersion", (job, request) -> bytes(new String(task(job, request),
                    StandardCharsets.UTF_8).replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":99"))),
            new Kind("missing request", (job, request) -> bytes("{\"schemaVersion\":1,\"jobId\":\"" + job
                    + "\",\"taskIndex\":0,\"taskCount\":1,\"firstImage\":0,\"imageCount\":1}")),
            new Kind("wrong type", (job, request) -> bytes(new String(task(job, request), StandardCharsets.UTF_8)
                    .replaceFirst("\"taskIndex\":0", "\"taskIndex\":\"zero\""))),
            new Kind("unknown model", (job, request) -> task(job, new GenerationRequest(request.schemaVersion(),
                    "no-such-model", request.classes(), null, 16, request.seed(), request.sampler(), null,
                    request.tenant(), null, null, null))),
            new Kind("invalid sampler steps", (job, request) -> task(job, new GenerationRequest(request.schemaVersion(),
                    request.model(), request.classes(), null, 16, request.seed(), SamplerSpec.of("ddim", 0), null,
                    request.tenant(), null, null, null))),
            new Kind("images outside the request", (job, request) -> WireCodec.write(new GenerationTask(
                    SchemaVersion.V1, job, 0, 1, 10_000, 16, withImages(request, 16), Instant.now()))));

    private PoisonRecords() {
    }

    /** Poison record number {@code n} of a run, keyed so its dead letter can be told apart. */
    public static Poison number(int n, String jobId, GenerationRequest request) {
        Kind kind = KINDS.get(n % KINDS.size());
        String poisonJob = "poison-" + n + "-" + jobId;
        return new Poison(kind.name(), poisonJob + "/0", kind.value().apply(poisonJob, request));
    }

    private static byte[] task(String job, GenerationRequest request) {
        return WireCodec.write(new GenerationTask(SchemaVersion.V1, job, 0, 1, 0, 16, withImages(request, 16),
                Instant.now()));
    }

    private static GenerationRequest withImages(GenerationRequest request, int images) {
        return new GenerationRequest(request.schemaVersion(), request.model(), request.classes(), null, images,
                request.seed(), request.sampler(), request.guidance(), request.tenant(), null, null, null);
    }

    private static byte[] truncated(byte[] json) {
        return java.util.Arrays.copyOf(json, json.length / 2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
