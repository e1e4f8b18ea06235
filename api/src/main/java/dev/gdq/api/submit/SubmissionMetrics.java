package dev.gdq.api.submit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of submissions: {@code gdq_api_jobs_accepted_total{source}}, {@code gdq_api_images_requested_total},
 * {@code gdq_api_jobs_replayed_total} and {@code gdq_api_requests_rejected_total{reason}} with reason
 * {@code invalid}, {@code too-large}, {@code conflict}, {@code unavailable}.
 */
public final class SubmissionMetrics {

    private final MeterRegistry registry;

    public SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String reason : new String[] {"invalid", "too-large", "conflict", "unavailable"}) {
            rejectedCounter(reason);
        }
        acceptedCounter("single");
        acceptedCounter("batch");
        Counter.builder("gdq.api.jobs.replayed").description("idempotent resubmissions answered with an earlier job")
                .register(registry);
        Counter.builder("gdq.api.images.requested").description("images of accepted jobs").register(registry);
    }

    void accepted(String source, int images) {
        acceptedCounter(source).increment();
        registry.counter("gdq.api.images.requested").increment(images);
    }

    void replayed() {
        registry.counter("gdq.api.jobs.replayed").increment();
    }

    void rejected(int status) {
        rejectedCounter(switch (status) {
            case 413 -> "too-large";
            case 409 -> "conflict";
            case 503 -> "unavailable";
            default -> "invalid";
        }).increment();
    }

    private Counter acceptedCounter(String source) {
        return Counter.builder("gdq.api.jobs.accepted").description("jobs enqueued").tag("source", source)
                .register(registry);
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("gdq.api.requests.rejected").description("requests (or batch lines) not enqueued")
                .tag("reason", reason).register(registry);
    }
}
