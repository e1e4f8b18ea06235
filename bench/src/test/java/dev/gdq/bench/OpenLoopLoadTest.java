package dev.gdq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class OpenLoopLoadTest {

    @Test
    void requestsDueWhileTheSenderStalledCountTheStallInTheirLatency() throws InterruptedException {
        // 1,000/s for 0.5 s; the first send blocks for 200 ms, so about 200 requests are sent late. Timed from
        // their actual send they would all look instant; timed from their due time they carry the stall.
        OpenLoopLoad load = new OpenLoopLoad(1000, Duration.ofMillis(500), Duration.ofSeconds(10));
        OpenLoopLoad.Result result = load.run(sequence -> {
            if (sequence == 0) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            return CompletableFuture.completedFuture(202);
        });

        assertThat(result.scheduled()).isEqualTo(500);
        assertThat(result.answeredWith(202)).isEqualTo(500);
        assertThat(result.latency().getTotalCount()).isEqualTo(500);
        assertThat(result.latency().getMaxValue()).isGreaterThanOrEqualTo(190_000);
        // a fifth of the requests were due within the first 100 ms of the stall: each waited at least 100 ms
        assertThat(result.latency().getValueAtPercentile(80)).isGreaterThanOrEqualTo(95_000);
        assertThat(result.sendLag().getMaxValue()).isGreaterThanOrEqualTo(190_000);
    }

    @Test
    void answersAreCountedByStatusAndFailuresApart() throws InterruptedException {
        OpenLoopLoad load = new OpenLoopLoad(2000, Duration.ofMillis(100), Duration.ofSeconds(10));
        OpenLoopLoad.Result result = load.run(sequence -> sequence % 4 == 0
                ? CompletableFuture.failedFuture(new java.io.IOException("connection refused"))
                : CompletableFuture.completedFuture(sequence % 4 == 1 ? 503 : 202));

        assertThat(result.scheduled()).isEqualTo(200);
        assertThat(result.failures()).isEqualTo(50);
        assertThat(result.answeredWith(503)).isEqualTo(50);
        assertThat(result.answeredWith(202)).isEqualTo(100);
        assertThat(result.unfinished()).isZero();
    }

    @Test
    void unansweredRequestsAreRecordedAtLeastUntilTheDrainEnds() throws InterruptedException {
        OpenLoopLoad load = new OpenLoopLoad(100, Duration.ofMillis(100), Duration.ofMillis(300));
        OpenLoopLoad.Result result = load.run(sequence -> sequence == 3
                ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(202));

        assertThat(result.unfinished()).isEqualTo(1);
        assertThat(result.answeredWith(202)).isEqualTo(9);
        assertThat(result.latency().getTotalCount()).isEqualTo(10);
        assertThat(result.latency().getMaxValue()).isGreaterThanOrEqualTo(290_000);
    }
}
