package dev.gdq.scheduler.plan;

import dev.gdq.scheduler.guidance.GuidancePlan;

/**
 * What one image of a request needs beyond the shared sampler plan.
 *
 * @param imageIndex 0-based index of the image in its request (the noise key with the seed)
 * @param classIndex the class label, resolved from a name or an index
 * @param guidance   the image's guidance plan
 */
public record ImagePlan(int imageIndex, int classIndex, GuidancePlan guidance) {
}
