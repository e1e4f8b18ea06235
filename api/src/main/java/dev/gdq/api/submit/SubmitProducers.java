package dev.gdq.api.submit;

import dev.gdq.api.config.ApiConfig;
import dev.gdq.api.jobs.JobView;
import dev.gdq.api.kafka.TransactionalProducers;
import dev.gdq.api.models.ModelCatalog;
import dev.gdq.scheduler.plan.PlanningLimits;
import dev.gdq.scheduler.plan.SamplingPlanner;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** CDI producers of the submission classes, configured from {@link ApiConfig}. */
public class SubmitProducers {

    @Produces
    @Singleton
    JobIds jobIds() {
        return new JobIds(Clock.systemUTC());
    }

    @Produces
    @Singleton
    RequestReader requestReader(ModelCatalog catalog, ApiConfig config) {
        ApiConfig.Limits limits = config.limits();
        SamplingPlanner planner = new SamplingPlanner(new PlanningLimits(limits.maxSteps(), limits.maxImages(),
                limits.maxGuidanceScale()));
        return new RequestReader(planner, catalog.manifests(), limits);
    }

    @Produces
    @Singleton
    JobFactory jobFactory(ApiConfig config, JobIds ids) {
        if (config.defaultPriority() < 0 || config.defaultPriority() > 9) {
            throw new IllegalArgumentException("gdq.api.default-priority must be in 0..9, was "
                    + config.defaultPriority());
        }
        return new JobFactory(config.maxImagesPerTask(), config.defaultPriority(), ids, JobFactory.randomSeeds(),
                Clock.systemUTC());
    }

    @Produces
    @Singleton
    JobQueue jobQueue(TransactionalProducers producers) {
        return new JobQueue(producers);
    }

    @Produces
    @Singleton
    SubmissionMetrics submissionMetrics(MeterRegistry registry) {
        return new SubmissionMetrics(registry);
    }

    @Produces
    @Singleton
    JobSubmitter jobSubmitter(RequestReader reader, JobFactory factory, JobQueue queue, JobView view,
                              SubmissionMetrics metrics, ApiConfig config, JobIds ids) {
        return new JobSubmitter(reader, factory, queue, view, metrics, config.limits(), ids);
    }

    @Produces
    @Singleton
    JobCanceller jobCanceller(JobView view, JobQueue queue) {
        return new JobCanceller(view, queue, Clock.systemUTC());
    }
}
