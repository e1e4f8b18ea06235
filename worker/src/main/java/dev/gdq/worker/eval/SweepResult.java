package dev.gdq.worker.eval;

import java.util.List;

/**
 * A measured sweep.
 *
 * @param sweep       what was asked
 * @param realImages  held-out real test images of the same size and balance, measured the same way
 * @param settings    one result per setting, in the sweep's order
 */
public record SweepResult(Sweep sweep, QualityMetrics realImages, List<SettingResult> settings) {
}
