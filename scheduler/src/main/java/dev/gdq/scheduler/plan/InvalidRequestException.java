package dev.gdq.scheduler.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A request broke rules; carries every violation. */
public final class InvalidRequestException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(violations.size() + " violation(s): "
                + violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** Every violation, in the order found. */
    public List<Violation> violations() {
        return violations;
    }
}
