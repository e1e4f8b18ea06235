package dev.gdq.worker.sampling;

import java.util.Arrays;

/** Quantiles with linear interpolation between order statistics (numpy's and torch's default). */
final class Quantile {

    private Quantile() {
    }

    /** The q-quantile of |values[offset .. offset + length)|, q in [0, 1]. */
    static double ofAbsolute(float[] values, int offset, int length, double q) {
        double[] sorted = new double[length];
        for (int j = 0; j < length; j++) {
            sorted[j] = Math.abs(values[offset + j]);
        }
        Arrays.sort(sorted);
        double position = q * (length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
