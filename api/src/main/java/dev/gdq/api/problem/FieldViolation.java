package dev.gdq.api.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One broken rule of a request.
 *
 * @param field   dotted path of the offending field ({@code sampler.steps}, {@code classes[2]}); empty for the
 *                body as a whole
 * @param rule    stable code: the scheduler's rule ({@code OUT_OF_RANGE}, {@code UNKNOWN}, ...) or a decoding
 *                failure ({@code NOT_JSON}, {@code MALFORMED}, {@code UNSUPPORTED_SCHEMA_VERSION})
 * @param message what is wrong and what is allowed, for people
 */
@Schema(name = "FieldViolation")
public record FieldViolation(String field, String rule, String message) {
}
