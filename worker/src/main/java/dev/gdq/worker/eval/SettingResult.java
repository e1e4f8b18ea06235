package dev.gdq.worker.eval;

/**
 * The measures of one setting of a sweep.
 *
 * @param setting        what was sampled
 * @param metrics        its quality
 * @param images         how many images were measured
 * @param samplingSeconds wall time of sampling them (not of measuring)
 */
public record SettingResult(Sweep.Setting setting, QualityMetrics metrics, int images, double samplingSeconds) {
}
