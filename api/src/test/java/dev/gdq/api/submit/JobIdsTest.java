package dev.gdq.api.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobIdsTest {

    @Test
    void idsAreUlidsAfterTheirPrefix() {
        JobIds ids = new JobIds(Clock.systemUTC());

        assertThat(ids.nextJobId()).matches("job-[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(ids.nextBatchId()).matches("batch-[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void idsIncreaseWithinTheSameMillisecond() {
        JobIds ids = new JobIds(Clock.fixed(Instant.parse("2026-11-23T16:20:00Z"), ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            made.add(ids.nextJobId());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        Instant[] now = {Instant.parse("2026-11-23T16:20:00Z")};
        JobIds ids = new JobIds(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        String earlier = ids.nextJobId();
        now[0] = now[0].plusMillis(1);

        assertThat(ids.nextJobId()).isGreaterThan(earlier);
    }
}
