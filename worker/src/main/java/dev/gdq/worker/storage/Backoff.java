package dev.gdq.worker.storage;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Retries an operation that fails with {@link StorageUnavailableException}, with exponential backoff capped at
 * {@code maxDelay}, for as long as {@code keepTrying} holds: an outage of the store delays tasks, it never
 * fails or loses them.
 */
public final class Backoff {

    /** An operation on the store. */
    @FunctionalInterface
    public interface StorageCall<T> {
        T call() throws StorageUnavailableException;
    }

    /** Told about each failed attempt, e.g. to log it or count it. */
    @FunctionalInterface
    public interface AttemptListener {
        void onFailure(int attempt, Duration nextDelay, StorageUnavailableException failure);
    }

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final AttemptListener listener;

    public Backoff(Duration initialDelay, Duration maxDelay, AttemptListener listener) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.listener = listener;
    }

    /**
     * @throws StorageUnavailableException the last failure, once {@code keepTrying} turns false
     * @throws InterruptedException        when the thread is interrupted while waiting
     */
    public <T> T run(StorageCall<T> call, BooleanSupplier keepTrying)
            throws StorageUnavailableException, InterruptedException {
        Duration delay = initialDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (StorageUnavailableException e) {
                if (!keepTrying.getAsBoolean()) {
                    throw e;
                }
                listener.onFailure(attempt, delay, e);
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            }
        }
    }
}
