package dev.gdq.worker.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.scheduler.guidance.GuidancePlan;
import dev.gdq.scheduler.guidance.GuidanceStep;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RowLayoutTest {

    private static SampleSpec sample(int label, boolean conditional, boolean unconditional) {
        GuidanceStep step = new GuidanceStep(0, 0, 1, 0, 0, conditional, unconditional, false, 0, 0, 0);
        return new SampleSpec(1, label, label, new GuidancePlan(List.of(step), 0, OptionalDouble.empty()));
    }

    @Test
    void conditionalOnlySamplesNeedNoGather() {
        RowLayout rows = RowLayout.of(List.of(sample(3, true, false), sample(4, true, false)), 0, 10);

        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.isIdentity()).isTrue();
        assertThat(rows.labelOfRow()).containsExactly(3, 4);
    }

    @Test
    void unconditionalOnlySampleHasOneNullLabelRow() {
        RowLayout rows = RowLayout.of(List.of(sample(3, false, true)), 0, 10);

        assertThat(rows.isIdentity()).isFalse();
        assertThat(rows.labelOfRow()).containsExactly(10);
        assertThat(rows.conditionalRowOf()).containsExactly(0);
        assertThat(rows.unconditionalRowOf()).containsExactly(0);
    }

    @Test
    void mixedBatchHoldsConditionalRowsThenUnconditionalRows() {
        RowLayout rows = RowLayout.of(List.of(sample(1, true, true), sample(2, true, false), sample(5, false, true)),
                0, 10);

        assertThat(rows.sampleOfRow()).containsExactly(0, 1, 0, 2);
        assertThat(rows.labelOfRow()).containsExactly(1, 2, 10, 10);
        assertThat(rows.conditionalRowOf()).containsExactly(0, 1, 3);
        assertThat(rows.unconditionalRowOf()).containsExactly(2, 1, 3);
    }
}
