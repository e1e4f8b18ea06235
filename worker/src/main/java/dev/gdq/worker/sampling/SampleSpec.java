package dev.gdq.worker.sampling;

import dev.gdq.scheduler.guidance.GuidancePlan;

/**
 * One image of a batch with everything that is its own.
 *
 * @param seed       job seed
 * @param imageIndex index of the image in its job; with the seed, the key of all its noise
 * @param classIndex class label fed to the networks
 * @param guidance   its guidance over the run (scales, rows and weights per step), from the scheduler
 */
public record SampleSpec(long seed, long imageIndex, int classIndex, GuidancePlan guidance) {
}
