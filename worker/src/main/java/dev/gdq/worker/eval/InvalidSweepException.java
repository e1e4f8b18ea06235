package dev.gdq.worker.eval;

/** A sweep file that cannot be run; the message names each offending field. */
public final class InvalidSweepException extends Exception {

    public InvalidSweepException(String message) {
        super(message);
    }
}
