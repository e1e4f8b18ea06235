package dev.gdq.scheduler.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.protocol.ScheduleSpec.Knot;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GuidanceScheduleTest {

    /** With N = 3 steps, steps 0, 1, 2 are at progress 0, 0.5, 1. Values worked out by hand. */
    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("constant 3", new ScheduleSpec.Constant(3.0), 3.0, 3.0, 3.0),
                // 1 + 4 p
                Arguments.of("linear 1 to 5", new ScheduleSpec.Linear(1.0, 5.0), 1.0, 3.0, 5.0),
                Arguments.of("linear 5 to 1", new ScheduleSpec.Linear(5.0, 1.0), 5.0, 3.0, 1.0),
                // 1 + 4 (1 - cos(pi p)) / 2: cos(pi / 2) = 0
                Arguments.of("cosine 1 to 5", new ScheduleSpec.Cosine(1.0, 5.0), 1.0, 3.0, 5.0),
                // 1 + 4 p^2: 1 + 4 / 4
                Arguments.of("power 1 to 5, k = 2", new ScheduleSpec.Power(1.0, 5.0, 2.0), 1.0, 2.0, 5.0),
                // 0 + 8 sqrt(0.5)
                Arguments.of("power 0 to 8, k = 0.5", new ScheduleSpec.Power(0.0, 8.0, 0.5), 0.0, 4 * Math.sqrt(2),
                        8.0),
                Arguments.of("piecewise 1, 4, 2", new ScheduleSpec.Piecewise(
                        List.of(new Knot(0.0, 1.0), new Knot(0.5, 4.0), new Knot(1.0, 2.0))), 1.0, 4.0, 2.0),
                // held at 2 before p = 0.25, 2 + (6 - 2) (0.5 - 0.25) / 0.5 at p = 0.5, held at 6 after 0.75
                Arguments.of("piecewise held outside its knots", new ScheduleSpec.Piecewise(
                        List.of(new Knot(0.25, 2.0), new Knot(0.75, 6.0))), 2.0, 4.0, 6.0),
                Arguments.of("piecewise single knot", new ScheduleSpec.Piecewise(List.of(new Knot(0.4, 7.0))),
                        7.0, 7.0, 7.0),
                Arguments.of("explicit", new ScheduleSpec.Explicit(List.of(0.0, 2.5, 9.0)), 0.0, 2.5, 9.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void familiesAtStartMidpointAndEnd(String name, ScheduleSpec spec, double atStart, double atMidpoint,
                                       double atEnd) {
        GuidanceSchedule schedule = GuidanceSchedule.of(spec, GuidanceKind.CLASSIFIER_FREE);
        assertThat(schedule.weightAt(0, 3, 10.0)).isCloseTo(atStart, within(1e-12));
        assertThat(schedule.weightAt(1, 3, 1.0)).isCloseTo(atMidpoint, within(1e-12));
        assertThat(schedule.weightAt(2, 3, 0.01)).isCloseTo(atEnd, within(1e-12));
    }

    @Test
    void cosineAtAQuarterFollowsTheHalfCosine() {
        GuidanceSchedule schedule = GuidanceSchedule.of(new ScheduleSpec.Cosine(1.0, 5.0), GuidanceKind.CLASSIFIER_FREE);
        // p = 1/4: 1 + 4 (1 - cos(pi / 4)) / 2 = 1 + 2 (1 - sqrt(2) / 2)
        assertThat(schedule.weightAt(1, 5, 1.0)).isCloseTo(3.0 - Math.sqrt(2.0), within(1e-12));
    }

    @Test
    void piecewiseInterpolatesInsideASegment() {
        GuidanceSchedule schedule = GuidanceSchedule.of(new ScheduleSpec.Piecewise(
                List.of(new Knot(0.0, 1.0), new Knot(0.5, 4.0), new Knot(1.0, 2.0))), GuidanceKind.CLASSIFIER_FREE);
        // p = 0.25: 1 + 3 * 0.5; p = 0.75: 4 - 2 * 0.5
        assertThat(schedule.weightAt(1, 5, 1.0)).isCloseTo(2.5, within(1e-12));
        assertThat(schedule.weightAt(3, 5, 1.0)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void aSingleStepIsAtProgressZero() {
        assertThat(GuidanceSchedule.progress(0, 1)).isZero();
        GuidanceSchedule linear = GuidanceSchedule.of(new ScheduleSpec.Linear(2.0, 6.0), GuidanceKind.CLASSIFIER_FREE);
        assertThat(linear.weightAt(0, 1, 1.0)).isEqualTo(2.0);
    }

    @ParameterizedTest(name = "sigma {0}: classifier-free {1}, classifier {2}")
    @CsvSource({
        // window (0.5, 5]: inside gives 3, outside the neutral scale of the kind
        "10.0,  1.0, 0.0",
        "5.0,   3.0, 3.0",
        "4.999, 3.0, 3.0",
        "1.0,   3.0, 3.0",
        "0.5,   1.0, 0.0",
        "0.01,  1.0, 0.0",
    })
    void intervalGuidesInsideItsSigmaWindowOnly(double sigma, double cfgScale, double classifierScale) {
        ScheduleSpec.Interval interval = new ScheduleSpec.Interval(3.0, 0.5, 5.0);
        assertThat(GuidanceSchedule.of(interval, GuidanceKind.CLASSIFIER_FREE).weightAt(0, 10, sigma))
                .isEqualTo(cfgScale);
        assertThat(GuidanceSchedule.of(interval, GuidanceKind.CLASSIFIER).weightAt(0, 10, sigma))
                .isEqualTo(classifierScale);
    }

    @Test
    void explicitScheduleOfTheWrongLengthCannotBeEvaluated() {
        GuidanceSchedule explicit = GuidanceSchedule.of(new ScheduleSpec.Explicit(List.of(1.0, 2.0)),
                GuidanceKind.CLASSIFIER_FREE);
        assertThatThrownBy(() -> explicit.weightAt(0, 3, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
