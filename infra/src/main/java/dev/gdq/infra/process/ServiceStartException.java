package dev.gdq.infra.process;

/**
 * A server could not be started: port taken, unusable data directory, child exited early or was
 * not ready in time. The message says which, and ends with the tail of the child's log when there
 * is one. No child process is left running when this is thrown.
 */
public final class ServiceStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String service;

    public ServiceStartException(String service, String message) {
        super(service + ": " + message);
        this.service = service;
    }

    public ServiceStartException(String service, String message, Throwable cause) {
        super(service + ": " + message, cause);
        this.service = service;
    }

    /** The service that failed, e.g. {@code kafka-broker}. */
    public String service() {
        return service;
    }
}
