package dev.gdq.bench;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: request i is due at {@code start + i / rate}, whatever became of the earlier ones, and its
 * latency is measured from that due time, not from when it was actually sent. A sender that falls behind (a
 * stalled connection, a full pool, a pause of its own) therefore shows up in the latencies instead of hiding them:
 * the correction for coordinated omission that wrk2 and HdrHistogram's authors describe.
 */
public final class OpenLoopLoad {

    /** Latencies are recorded in microseconds up to this bound (10 minutes) and clamped above it. */
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** Sends request number {@code sequence}; the future completes with the HTTP status, or fails. */
    @FunctionalInterface
    public interface Target {
        CompletableFuture<Integer> send(long sequence);
    }

    /**
     * @param latency    microseconds from each request's due time to its answer (unfinished ones: to the end of
     *                   the drain, a lower bound)
     * @param sendLag    microseconds from each request's due time to the moment it was handed to the sender
     * @param scheduled  requests due in the run
     * @param statuses   answers by HTTP status
     * @param failures   requests that failed without an answer (connection refused, timeout)
     * @param unfinished requests still unanswered when the drain timed out
     * @param seconds    from the first due time to the last answer
     */
    public record Result(Histogram latency, Histogram sendLag, long scheduled, SortedMap<Integer, Long> statuses,
                         long failures, long unfinished, double seconds) {

        public long answered() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }

        public long answeredWith(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    private final double ratePerSecond;
    private final Duration duration;
    private final Duration drainTimeout;

    /**
     * @param ratePerSecond requests due per second
     * @param duration      how long requests are sent
     * @param drainTimeout  how long to wait for the last answers after the last request was sent
     */
    public OpenLoopLoad(double ratePerSecond, Duration duration, Duration drainTimeout) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate: must be positive, got " + ratePerSecond);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: must be positive, got " + duration);
        }
        this.ratePerSecond = ratePerSecond;
        this.duration = duration;
        this.drainTimeout = drainTimeout;
    }

    /** Requests due in one run. */
    public long scheduledCount() {
        return Math.max(1, Math.round(ratePerSecond * duration.toNanos() / 1e9));
    }

    /** Nanoseconds from the start to the due time of request {@code sequence}. */
    long dueOffsetNanos(long sequence) {
        return Math.round(sequence * 1e9 / ratePerSecond);
    }

    public Result run(Target target) throws InterruptedException {
        long count = scheduledCount();
        Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
        Histogram sendLag = new ConcurrentHistogram(MAX_MICROS, 3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        CountDownLatch answered = new CountDownLatch((int) count);
        long[] lastAnswer = {0};
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (long i = 0; i < count; i++) {
            long due = start + dueOffsetNanos(i);
            waitUntil(due);
            sendLag.recordValue(micros(System.nanoTime() - due));
            CompletableFuture<Integer> answer;
            try {
                answer = target.send(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((status, error) -> {
                long now = System.nanoTime();
                latency.recordValue(micros(now - due));
                if (error != null) {
                    failures.increment();
                } else {
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                synchronized (lastAnswer) {
                    lastAnswer[0] = Math.max(lastAnswer[0], now);
                }
                answered.countDown();
            });
        }
        boolean all = answered.await(drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
        long end = System.nanoTime();
        long unfinished = answered.getCount();
        if (!all) {
            // the unanswered ones were due at the latest at the last due time: record that lower bound for each
            long lowerBound = micros(end - (start + dueOffsetNanos(count - 1)));
            latency.recordValueWithCount(lowerBound, unfinished);
        }
        SortedMap<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.sum()));
        long last;
        synchronized (lastAnswer) {
            last = all ? lastAnswer[0] : end;
        }
        return new Result(latency.copy(), sendLag.copy(), count, byStatus, failures.sum(), unfinished,
                (last - start) / 1e9);
    }

    private static void waitUntil(long due) {
        long remaining;
        while ((remaining = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private static long micros(long nanos) {
        return Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }
}
