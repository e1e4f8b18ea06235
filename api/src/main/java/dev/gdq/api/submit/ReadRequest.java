package dev.gdq.api.submit;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.scheduler.plan.SamplingPlan;

/**
 * A request that passed every check, before resolution.
 *
 * @param request the request as submitted, with the caller's tenant and the effective idempotency key set
 * @param digest  {@link RequestDigest} of it
 * @param plan    the scheduler's plan (its image count is what will be enqueued)
 */
public record ReadRequest(GenerationRequest request, String digest, SamplingPlan plan) {

    public String idempotencyKey() {
        return request.idempotencyKey();
    }
}
