package dev.gdq.api.generations;

import dev.gdq.api.jobs.JobSnapshot;
import dev.gdq.api.storage.ResultLinks;
import dev.gdq.protocol.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps job snapshots to {@link JobResponse}s, presigning a GET URL for every finished image. The key signed is built
 * here from the job's own id and the image index, never taken from an event, so no event can make the api sign
 * another job's (another tenant's) object.
 */
@ApplicationScoped
public class JobResponses {

    public static final String BASE_PATH = "/v1/generations";

    @Inject
    ResultLinks links;

    /** A single job: with its images and its resolved request. */
    public JobResponse full(JobSnapshot job) {
        List<JobResponse.Image> images = new ArrayList<>(job.images().size());
        for (JobSnapshot.ImageRef image : job.images()) {
            String key = ObjectKeys.image(job.jobId(), image.index());
            ResultLinks.Link link = links.presignedGet(key);
            images.add(new JobResponse.Image(image.index(), key, link.url(), link.expiresAt()));
        }
        return response(job, images, true);
    }

    /** A job in a list or a batch answer: no images, no request. */
    public JobResponse summary(JobSnapshot job) {
        return response(job, List.of(), false);
    }

    public static String pathOf(String jobId) {
        return BASE_PATH + "/" + jobId;
    }

    private static JobResponse response(JobSnapshot job, List<JobResponse.Image> images, boolean withRequest) {
        String self = pathOf(job.jobId());
        return new JobResponse(job.jobId(), job.state(), job.request().model(), job.imageCount(), job.taskCount(),
                job.request().seed(), job.request().priority(), job.request().labels(), job.request().idempotencyKey(),
                job.progress(), images, job.timings(), job.error(), job.cancelReason(),
                withRequest ? job.request() : null,
                new JobResponse.Links(self, self + "/events", self + "/cancel"));
    }
}
