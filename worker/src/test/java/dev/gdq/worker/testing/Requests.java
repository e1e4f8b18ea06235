package dev.gdq.worker.testing;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.worker.sampling.ImageOrder;
import java.util.List;
import java.util.stream.IntStream;

/** Requests for the reference model, planned through the scheduler's one entry point. */
public final class Requests {

    private Requests() {
    }

    public static GenerationRequest request(List<String> classes, int perClass, long seed, SamplerSpec sampler,
                                            GuidanceSpec guidance) {
        return new GenerationRequest(SchemaVersion.V1, "fashion-mnist", classes.stream().map(ClassRef::named).toList(),
                perClass, null, seed, sampler, guidance, "test", null, null, null);
    }

    public static SamplingPlan plan(GenerationRequest request) {
        return new SamplingPlanner().plan(request, ReferenceModel.get().manifest()).orElseThrow();
    }

    /** Every image of the request as an order. */
    public static List<ImageOrder> orders(GenerationRequest request) {
        SamplingPlan plan = plan(request);
        return IntStream.range(0, plan.imageCount()).mapToObj(i -> new ImageOrder("job", request, plan, i)).toList();
    }
}
