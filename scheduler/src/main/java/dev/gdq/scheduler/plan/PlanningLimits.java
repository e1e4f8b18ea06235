package dev.gdq.scheduler.plan;

/**
 * Limits a deployment sets on requests, beyond what the model allows (the api passes them from its
 * configuration).
 *
 * @param maxSteps         most sampling steps a request may ask for (the model's T caps it as well)
 * @param maxImages        most images one request may ask for
 * @param maxGuidanceScale largest guidance scale (classifier-free or classifier) any step may have
 */
public record PlanningLimits(int maxSteps, int maxImages, double maxGuidanceScale) {

    /** 1000 steps, 100,000 images, scale 100. */
    public static final PlanningLimits DEFAULTS = new PlanningLimits(1000, 100_000, 100.0);

    public PlanningLimits {
        if (maxSteps < 1 || maxImages < 1 || !(maxGuidanceScale > 0.0) || Double.isInfinite(maxGuidanceScale)) {
            throw new IllegalArgumentException("limits must be positive and finite: maxSteps=" + maxSteps
                    + ", maxImages=" + maxImages + ", maxGuidanceScale=" + maxGuidanceScale);
        }
    }
}
