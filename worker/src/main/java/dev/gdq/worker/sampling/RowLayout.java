package dev.gdq.worker.sampling;

import java.util.List;

/**
 * Which rows one step's forward pass holds: first the conditional rows, then the unconditional rows, each
 * only for the samples whose guidance needs it at this step. For each sample, the row holding its conditional and its
 * unconditional prediction; where one is skipped it points at the other, which the scale then ignores
 * (s = 1 keeps only eps_c, s = 0 only eps_u).
 */
record RowLayout(long[] sampleOfRow, long[] labelOfRow, long[] conditionalRowOf, long[] unconditionalRowOf,
                 int unconditionalRows) {

    static RowLayout of(List<SampleSpec> samples, int step, int nullLabel) {
        int batch = samples.size();
        int rows = 0;
        for (SampleSpec s : samples) {
            rows += s.guidance().step(step).modelRows();
        }
        long[] sampleOfRow = new long[rows];
        long[] labelOfRow = new long[rows];
        long[] conditional = new long[batch];
        long[] unconditional = new long[batch];
        int row = 0;
        for (int b = 0; b < batch; b++) {
            if (samples.get(b).guidance().step(step).conditionalRow()) {
                conditional[b] = row;
                sampleOfRow[row] = b;
                labelOfRow[row++] = samples.get(b).classIndex();
            }
        }
        int unconditionalRows = 0;
        for (int b = 0; b < batch; b++) {
            if (samples.get(b).guidance().step(step).unconditionalRow()) {
                unconditional[b] = row;
                sampleOfRow[row] = b;
                labelOfRow[row++] = nullLabel;
                unconditionalRows++;
            }
        }
        for (int b = 0; b < batch; b++) {
            if (!samples.get(b).guidance().step(step).conditionalRow()) {
                conditional[b] = unconditional[b];
            }
            if (!samples.get(b).guidance().step(step).unconditionalRow()) {
                unconditional[b] = conditional[b];
            }
        }
        return new RowLayout(sampleOfRow, labelOfRow, conditional, unconditional, unconditionalRows);
    }

    int size() {
        return sampleOfRow.length;
    }

    /** True when the rows are exactly the samples in order, conditional only: no gather needed. */
    boolean isIdentity() {
        if (unconditionalRows != 0 || sampleOfRow.length != conditionalRowOf.length) {
            return false;
        }
        for (int r = 0; r < sampleOfRow.length; r++) {
            if (sampleOfRow[r] != r) {
                return false;
            }
        }
        return true;
    }
}
