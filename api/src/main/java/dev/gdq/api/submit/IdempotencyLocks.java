package dev.gdq.api.submit;

import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks over (tenant, idempotency key): two requests of this instance with the same key never both create
 * a job. Several stripes are taken in ascending order, so batches cannot deadlock. Across instances the window is
 * the view's lag (see docs/api.md).
 */
final class IdempotencyLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    IdempotencyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Takes the stripes of {@code keys}; {@link Held#close()} releases them. */
    Held lock(String tenant, Collection<String> keys) {
        int[] held = keys.stream().mapToInt(key -> Math.floorMod((tenant + '\u0000' + key).hashCode(), STRIPES))
                .distinct().sorted().toArray();
        for (int stripe : held) {
            stripes[stripe].lock();
        }
        return () -> {
            for (int i = held.length - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        };
    }

    /** Held stripes. */
    interface Held {
        void close();
    }
}
