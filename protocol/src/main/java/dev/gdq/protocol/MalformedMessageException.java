package dev.gdq.protocol;

/** A record value that cannot be read as the v1 contract; names the field and the rule it breaks. */
public final class MalformedMessageException extends Exception {

    private final DeadLetterReason reason;
    private final String field;

    public MalformedMessageException(DeadLetterReason reason, String field, String rule, Throwable cause) {
        super((field == null || field.isEmpty() ? "" : "field '" + field + "': ") + rule, cause);
        this.reason = reason;
        this.field = field;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** Dotted path of the offending field ({@code sampler.steps}, {@code classes[2]}), empty for the whole value. */
    public String field() {
        return field;
    }
}
