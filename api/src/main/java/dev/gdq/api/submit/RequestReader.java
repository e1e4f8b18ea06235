package dev.gdq.api.submit;

import dev.gdq.api.config.ApiConfig;
import dev.gdq.api.problem.FieldViolation;
import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.WireCodec;
import dev.gdq.scheduler.plan.PlanningResult;
import dev.gdq.scheduler.plan.Rule;
import dev.gdq.scheduler.plan.SamplingPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From the bytes of one request to a {@link ReadRequest}, or a 400/413 problem naming every offending field:
 * size limit; exact decoding through {@link WireCodec#readExact} (errors name the field, unknown fields are errors:
 * a misspelt optional field would otherwise be dropped silently); every rule of the scheduler's
 * {@link SamplingPlanner} (the same code the worker runs); then the api's own rules (tenant, idempotency key,
 * labels). All violations are reported together.
 */
public final class RequestReader {

    static final int MAX_LABEL_KEY_LENGTH = 64;
    static final int MAX_LABEL_VALUE_LENGTH = 256;

    private final SamplingPlanner planner;
    private final Map<String, ModelManifest> models;
    private final ApiConfig.Limits limits;

    public RequestReader(SamplingPlanner planner, Map<String, ModelManifest> models, ApiConfig.Limits limits) {
        this.planner = planner;
        this.models = Map.copyOf(models);
        this.limits = limits;
    }

    /**
     * @param body           the request's JSON
     * @param tenant         the caller's tenant
     * @param idempotencyKey the {@code Idempotency-Key} header, if any
     * @throws ProblemException 413 when the body is too large, 400 with every violation when it is invalid
     */
    public ReadRequest read(byte[] body, String tenant, Optional<String> idempotencyKey) {
        if (body.length > limits.maxRequestBytes()) {
            throw new ProblemException(Problems.payloadTooLarge(body.length, limits.maxRequestBytes()));
        }
        GenerationRequest request = decode(body);
        List<FieldViolation> violations = new ArrayList<>();
        PlanningResult planned = planner.plan(request, models);
        planned.violations().forEach(v -> violations.add(new FieldViolation(v.field(), v.rule().name(),
                v.message())));
        checkTenant(request, tenant, violations);
        String key = checkIdempotencyKey(request, idempotencyKey, violations);
        checkLabels(request, violations);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problems.invalidRequest(violations));
        }
        GenerationRequest own = new GenerationRequest(request.schemaVersion(), request.model(), request.classes(),
                request.imagesPerClass(), request.totalImages(), request.seed(), request.sampler(), request.guidance(),
                tenant, key, request.priority(), request.labels());
        return new ReadRequest(own, RequestDigest.of(request), planned.orElseThrow());
    }

    private static GenerationRequest decode(byte[] body) {
        if (isBlank(body)) {
            throw new ProblemException(Problems.invalidRequest(List.of(new FieldViolation("", Rule.REQUIRED.name(),
                    "the body is empty; send a generation request as JSON"))));
        }
        try {
            return WireCodec.readExact(body, GenerationRequest.class);
        } catch (MalformedMessageException e) {
            throw new ProblemException(Problems.invalidRequest(List.of(new FieldViolation(e.field(),
                    e.reason().name(), e.getMessage()))), e);
        }
    }

    private static void checkTenant(GenerationRequest request, String tenant, List<FieldViolation> violations) {
        if (request.tenant() != null && !request.tenant().equals(tenant)) {
            violations.add(new FieldViolation("tenant", Rule.NOT_APPLICABLE.name(), "tenant: set from your API key ("
                    + tenant + "); omit it, was '" + request.tenant() + "'"));
        }
    }

    /** The effective key: the header's, else the body's; they must agree when both are given. */
    private String checkIdempotencyKey(GenerationRequest request, Optional<String> header,
                                       List<FieldViolation> violations) {
        String fromBody = request.idempotencyKey();
        if (header.isPresent() && fromBody != null && !header.get().equals(fromBody)) {
            violations.add(new FieldViolation("idempotencyKey", Rule.NOT_APPLICABLE.name(),
                    "idempotencyKey: differs from the Idempotency-Key header; give one or make them equal"));
            return null;
        }
        String key = header.orElse(fromBody);
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > limits.maxIdempotencyKeyLength()
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            violations.add(new FieldViolation("idempotencyKey", Rule.OUT_OF_RANGE.name(),
                    "idempotencyKey: 1 to " + limits.maxIdempotencyKeyLength()
                            + " visible ASCII characters, no spaces"));
            return null;
        }
        return key;
    }

    private void checkLabels(GenerationRequest request, List<FieldViolation> violations) {
        Map<String, String> labels = request.labels();
        if (labels == null) {
            return;
        }
        if (labels.size() > limits.maxLabels()) {
            violations.add(new FieldViolation("labels", Rule.OUT_OF_RANGE.name(), "labels: at most "
                    + limits.maxLabels() + " labels, got " + labels.size()));
        }
        labels.forEach((name, value) -> {
            String field = "labels." + name;
            if (name.isBlank() || name.length() > MAX_LABEL_KEY_LENGTH) {
                violations.add(new FieldViolation(field, Rule.OUT_OF_RANGE.name(), field + ": a label name has 1 to "
                        + MAX_LABEL_KEY_LENGTH + " characters"));
            } else if (!name.strip().equals(name) || name.codePoints().anyMatch(RequestReader::isInvisible)) {
                violations.add(new FieldViolation(field, Rule.OUT_OF_RANGE.name(), field + ": a label name has no "
                        + "control, format (zero-width, direction) or surrounding space characters"));
            }
            if (value == null) {
                violations.add(new FieldViolation(field, Rule.REQUIRED.name(), field + ": a label value is a string, "
                        + "was null"));
            } else if (value.length() > MAX_LABEL_VALUE_LENGTH) {
                violations.add(new FieldViolation(field, Rule.OUT_OF_RANGE.name(), field + ": a label value has at "
                        + "most " + MAX_LABEL_VALUE_LENGTH + " characters, got " + value.length()));
            } else if (value.codePoints().anyMatch(RequestReader::isControlOrDirection)) {
                violations.add(new FieldViolation(field, Rule.OUT_OF_RANGE.name(), field + ": a label value has no "
                        + "control characters (U+0000-U+001F, U+007F-U+009F) and no direction overrides"));
            }
        });
    }

    /** Controls, and format characters (zero-width space and joiners, direction marks, BOM): unseen in a name. */
    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    /**
     * Controls, and the direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make text
     * display other than it reads. Zero-width joiners stay allowed in values: emoji sequences need them.
     */
    private static boolean isControlOrDirection(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL || (codePoint >= 0x202a && codePoint <= 0x202e)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
