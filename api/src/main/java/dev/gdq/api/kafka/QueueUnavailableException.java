package dev.gdq.api.kafka;

/** The broker did not take a transaction; nothing of it is visible to {@code read_committed} readers. */
public final class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
