package dev.gdq.scheduler.plan;

import java.util.Objects;

/**
 * One broken rule of a request.
 *
 * @param field   path of the field in the request, dotted with list indices: {@code sampler.steps},
 *                {@code guidance.cfg.schedule.scales[3]}, {@code classes[2]}
 * @param rule    the kind of rule broken
 * @param message what is wrong and what is allowed, for people; it starts with the field path
 */
public record Violation(String field, Rule rule, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    static Violation of(String field, Rule rule, String detail) {
        return new Violation(field, rule, field + ": " + detail);
    }

    @Override
    public String toString() {
        return message + " [" + rule + "]";
    }
}
