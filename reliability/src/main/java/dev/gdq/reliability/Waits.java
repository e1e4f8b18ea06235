package dev.gdq.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for the scenario driver (tests assert with Awaitility). */
final class Waits {

    private static final Duration POLL = Duration.ofMillis(100);

    private Waits() {
    }

    /** Waits until {@code condition} holds; false if {@code timeout} passed first. */
    static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /** Lets {@code duration} pass: how long a fault lasts. */
    static void hold(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
