package dev.gdq.api.submit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Job and batch ids that sort by creation time: a prefix and a ULID (48-bit milliseconds, 80 random bits,
 * Crockford base32, 26 characters). Within one instance ids are strictly increasing, also within a millisecond.
 * Listing newest-first therefore orders by id, and a cursor is just the last id of a page.
 */
public final class JobIds {

    private static final Pattern JOB_ID = Pattern.compile("job-[0-9A-HJKMNP-TV-Z]{26}");
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh;
    private long randomLow;

    public JobIds(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code id} has the form of the job ids this api hands out ({@code job-} and a ULID). */
    public static boolean isJobId(String id) {
        return id != null && JOB_ID.matcher(id).matches();
    }

    public String nextJobId() {
        return "job-" + next();
    }

    public String nextBatchId() {
        return "batch-" + next();
    }

    /** A new ULID. */
    synchronized String next() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis) {
            randomLow = (randomLow + 1) & 0xFF_FFFF_FFFFL;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFF_FFFF_FFFFL;
            }
        } else {
            lastMillis = millis;
            randomHigh = random.nextLong() & 0xFF_FFFF_FFFFL;
            randomLow = random.nextLong() & 0xFF_FFFF_FFFFL;
        }
        char[] out = new char[26];
        encode(millis, 10, out, 0);
        encode(randomHigh, 8, out, 10);
        encode(randomLow, 8, out, 18);
        return new String(out);
    }

    /** Writes the low {@code 5 * digits} bits of {@code value} as {@code digits} base32 characters. */
    private static void encode(long value, int digits, char[] out, int offset) {
        for (int i = digits - 1; i >= 0; i--) {
            out[offset + i] = CROCKFORD[(int) (value & 31)];
            value >>>= 5;
        }
    }
}
