package dev.gdq.worker.sampling;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.scheduler.plan.SamplingPlan;

/**
 * One image to make: image {@code imageIndex} of a planned request. Orders whose plans share a
 * {@link dev.gdq.scheduler.plan.BatchKey} can be sampled in one batch.
 *
 * @param jobId      job the image belongs to, or null outside the queue
 * @param request    the (resolved) request, with its seed
 * @param plan       the request's plan from the scheduler
 * @param imageIndex index of the image in the request
 */
public record ImageOrder(String jobId, GenerationRequest request, SamplingPlan plan, int imageIndex) {

    public SampleSpec sampleSpec() {
        return new SampleSpec(request.seed(), imageIndex, plan.classIndexOfImage(imageIndex), plan.guidance());
    }
}
