package dev.gdq.scheduler.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TimestepSpacingTest {

    /**
     * Reference: diffusers' expressions evaluated by numpy 2.4 for T = 1000 (DDIMScheduler.set_timesteps):
     * leading {@code (np.arange(0, N) * (T // N)).round()[::-1]}, trailing
     * {@code np.round(np.arange(T, 0, -T / N)) - 1}, linspace {@code np.linspace(0, T - 1, N).round()[::-1]}.
     * N = 48 has values where numpy's arange rounding decides a tie; N = 61 is where numpy's arange overshoots
     * and diffusers yields a 62nd timestep, -1 (we keep the first 61).
     */
    static Stream<Arguments> diffusersTimesteps() {
        return Stream.of(
                Arguments.of(TimestepSpacing.LEADING, 10, "900, 800, 700, 600, 500, 400, 300, 200, 100, 0"),
                Arguments.of(TimestepSpacing.TRAILING, 10, "999, 899, 799, 699, 599, 499, 399, 299, 199, 99"),
                Arguments.of(TimestepSpacing.LINSPACE, 10, "999, 888, 777, 666, 555, 444, 333, 222, 111, 0"),
                Arguments.of(TimestepSpacing.LEADING, 1, "0"),
                Arguments.of(TimestepSpacing.TRAILING, 1, "999"),
                Arguments.of(TimestepSpacing.LINSPACE, 1, "0"),
                Arguments.of(TimestepSpacing.LEADING, 3, "666, 333, 0"),
                Arguments.of(TimestepSpacing.TRAILING, 3, "999, 666, 332"),
                Arguments.of(TimestepSpacing.LINSPACE, 3, "999, 500, 0"),
                Arguments.of(TimestepSpacing.LEADING, 7, "852, 710, 568, 426, 284, 142, 0"),
                Arguments.of(TimestepSpacing.TRAILING, 7, "999, 856, 713, 570, 428, 285, 142"),
                Arguments.of(TimestepSpacing.LINSPACE, 7, "999, 832, 666, 500, 333, 166, 0"),
                Arguments.of(TimestepSpacing.LEADING, 13,
                        "912, 836, 760, 684, 608, 532, 456, 380, 304, 228, 152, 76, 0"),
                Arguments.of(TimestepSpacing.TRAILING, 13,
                        "999, 922, 845, 768, 691, 614, 537, 461, 384, 307, 230, 153, 76"),
                Arguments.of(TimestepSpacing.LINSPACE, 13,
                        "999, 916, 832, 749, 666, 583, 500, 416, 333, 250, 166, 83, 0"),
                Arguments.of(TimestepSpacing.TRAILING, 48, "999, 978, 957, 936, 916, 895, 874, 853, 832, 811, "
                        + "791, 770, 749, 728, 707, 686, 666, 645, 624, 603, 582, 561, 541, 520, 499, 478, 457, 436, "
                        + "416, 395, 374, 353, 332, 311, 291, 270, 249, 228, 207, 186, 166, 145, 124, 103, 82, 61, "
                        + "41, 20"),
                Arguments.of(TimestepSpacing.LINSPACE, 48, "999, 978, 956, 935, 914, 893, 871, 850, 829, 808, "
                        + "786, 765, 744, 723, 701, 680, 659, 638, 616, 595, 574, 553, 531, 510, 489, 468, 446, 425, "
                        + "404, 383, 361, 340, 319, 298, 276, 255, 234, 213, 191, 170, 149, 128, 106, 85, 64, 43, "
                        + "21, 0"),
                Arguments.of(TimestepSpacing.TRAILING, 61, "999, 983, 966, 950, 933, 917, 901, 884, 868, 851, "
                        + "835, 819, 802, 786, 769, 753, 737, 720, 704, 688, 671, 655, 638, 622, 606, 589, 573, 556, "
                        + "540, 524, 507, 491, 474, 458, 442, 425, 409, 392, 376, 360, 343, 327, 310, 294, 278, 261, "
                        + "245, 229, 212, 196, 179, 163, 147, 130, 114, 97, 81, 65, 48, 32, 15"),
                Arguments.of(TimestepSpacing.LINSPACE, 61, "999, 982, 966, 949, 932, 916, 899, 882, 866, 849, "
                        + "832, 816, 799, 783, 766, 749, 733, 716, 699, 683, 666, 649, 633, 616, 599, 583, 566, 549, "
                        + "533, 516, 499, 483, 466, 450, 433, 416, 400, 383, 366, 350, 333, 316, 300, 283, 266, 250, "
                        + "233, 216, 200, 183, 166, 150, 133, 117, 100, 83, 67, 50, 33, 17, 0"));
    }

    @ParameterizedTest(name = "{0} N = {1}")
    @MethodSource("diffusersTimesteps")
    void timestepsEqualDiffusers(TimestepSpacing spacing, int steps, String expected) {
        int[] want = Arrays.stream(expected.split(",\\s*")).mapToInt(Integer::parseInt).toArray();
        assertThat(spacing.timesteps(1000, steps)).containsExactly(want);
    }

    @ParameterizedTest
    @EnumSource(TimestepSpacing.class)
    void everyStepCountGivesDistinctDescendingTimestepsInRange(TimestepSpacing spacing) {
        for (int trainTimesteps : new int[] {1, 2, 50, 1000}) {
            for (int steps = 1; steps <= trainTimesteps; steps++) {
                int[] timesteps = spacing.timesteps(trainTimesteps, steps);
                assertThat(timesteps).as("%s T=%d N=%d", spacing, trainTimesteps, steps).hasSize(steps);
                assertThat(timesteps[0]).isLessThanOrEqualTo(trainTimesteps - 1);
                assertThat(timesteps[steps - 1]).isGreaterThanOrEqualTo(0);
                for (int i = 1; i < steps; i++) {
                    assertThat(timesteps[i]).as("%s T=%d N=%d i=%d", spacing, trainTimesteps, steps, i)
                            .isLessThan(timesteps[i - 1]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TimestepSpacing.class)
    void allTrainingStepsVisitEveryTimestep(TimestepSpacing spacing) {
        int[] timesteps = spacing.timesteps(1000, 1000);
        assertThat(timesteps[0]).isEqualTo(999);
        assertThat(timesteps[999]).isZero();
    }

    @Test
    void stepCountsOutsideOneToTAreRejected() {
        assertThatThrownBy(() -> TimestepSpacing.LEADING.timesteps(1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimestepSpacing.TRAILING.timesteps(1000, 1001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(TimestepSpacing.class)
    void wireNamesRoundTrip(TimestepSpacing spacing) {
        assertThat(TimestepSpacing.fromWireName(spacing.wireName())).contains(spacing);
    }

    @Test
    void unknownWireNameIsEmpty() {
        assertThat(TimestepSpacing.fromWireName("Leading")).isEmpty();
        assertThat(TimestepSpacing.fromWireName(null)).isEmpty();
    }
}
