package dev.gdq.scheduler.plan;

import java.util.List;

/** The outcome of planning a request: a plan, or every violation. */
public sealed interface PlanningResult {

    /** Whether the request is valid. */
    boolean valid();

    /** Every violation, empty for a valid request. */
    List<Violation> violations();

    /** The plan, or {@link InvalidRequestException} with every violation. */
    SamplingPlan orElseThrow();

    /** A valid request's plan. */
    record Planned(SamplingPlan plan) implements PlanningResult {

        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public List<Violation> violations() {
            return List.of();
        }

        @Override
        public SamplingPlan orElseThrow() {
            return plan;
        }
    }

    /** An invalid request's violations, at least one. */
    record Rejected(List<Violation> violations) implements PlanningResult {

        public Rejected {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejection has at least one violation");
            }
        }

        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public SamplingPlan orElseThrow() {
            throw new InvalidRequestException(violations);
        }
    }
}
