package dev.gdq.scheduler.plan;

/** The kind of rule a request breaks; stable codes for machines, the {@link Violation} message is for people. */
public enum Rule {

    /** A value that must be present is absent (or an empty list). */
    REQUIRED,
    /** A name that is not one of the known ones: sampler, spacing, variance, class, model. */
    UNKNOWN,
    /** A number outside its allowed range. */
    OUT_OF_RANGE,
    /** A NaN or infinite number where a finite one is needed. */
    NOT_FINITE,
    /** A list whose length must equal another value and does not. */
    LENGTH_MISMATCH,
    /** Values that must increase do not (piecewise knots, interval bounds). */
    NOT_ORDERED,
    /** An option given where it has no meaning (eta for a sampler other than ddim, ...). */
    NOT_APPLICABLE,
    /** Exactly one of two alternatives must be given. */
    EXACTLY_ONE,
    /** Something this server or this model does not support (schema version, classifier guidance). */
    UNSUPPORTED
}
