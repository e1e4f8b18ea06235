package dev.gdq.worker.storage;

/** The object store could not be reached or answered with a server error; worth retrying. */
public final class StorageUnavailableException extends Exception {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
