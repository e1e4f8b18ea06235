package dev.gdq.api.submit;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.JobEvent;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.SchemaVersion;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Resolves a read request into a job: a job id, the seed (picked when absent), the default priority, then the
 * tasks of at most {@code maxImagesPerTask} images each and the QUEUED event that carries the resolved request and
 * the digest, so the job can be rebuilt from the events topic alone.
 */
public final class JobFactory {

    /** Seeds the api picks are below 2^53, so JSON readers that use doubles keep them exact. */
    static final long MAX_PICKED_SEED = (1L << 53) - 1;

    private final int maxImagesPerTask;
    private final int defaultPriority;
    private final JobIds ids;
    private final LongSupplier seeds;
    private final Clock clock;

    public JobFactory(int maxImagesPerTask, int defaultPriority, JobIds ids, LongSupplier seeds, Clock clock) {
        if (maxImagesPerTask < 1) {
            throw new IllegalArgumentException("gdq.api.max-images-per-task must be at least 1, was "
                    + maxImagesPerTask);
        }
        this.maxImagesPerTask = maxImagesPerTask;
        this.defaultPriority = defaultPriority;
        this.ids = ids;
        this.seeds = seeds;
        this.clock = clock;
    }

    /** Uniform seeds in {@code [0, 2^53)}. */
    public static LongSupplier randomSeeds() {
        SecureRandom random = new SecureRandom();
        return () -> random.nextLong() & MAX_PICKED_SEED;
    }

    public NewJob create(ReadRequest read) {
        GenerationRequest asked = read.request();
        long seed = asked.seed() != null ? asked.seed() : seeds.getAsLong();
        int priority = asked.priority() != null ? asked.priority() : defaultPriority;
        GenerationRequest resolved = new GenerationRequest(asked.schemaVersion(), asked.model(), asked.classes(),
                asked.imagesPerClass(), asked.totalImages(), seed, asked.sampler(), asked.guidance(), asked.tenant(),
                asked.idempotencyKey(), priority, asked.labels());
        String jobId = ids.nextJobId();
        Instant now = clock.instant();
        int images = read.plan().imageCount();
        List<TaskSlice> slices = slices(images, maxImagesPerTask);
        List<GenerationTask> tasks = new ArrayList<>(slices.size());
        for (TaskSlice slice : slices) {
            tasks.add(new GenerationTask(SchemaVersion.V1, jobId, slice.index(), slices.size(), slice.firstImage(),
                    slice.imageCount(), resolved, now));
        }
        JobEvent queued = new JobEvent(SchemaVersion.V1, UUID.randomUUID().toString(), jobId, JobEventType.QUEUED, now,
                resolved.tenant(), null, slices.size(), images, null, null, null, null, null, resolved.labels(),
                resolved, read.digest());
        return new NewJob(jobId, resolved.tenant(), resolved, queued, tasks);
    }

    /** Images {@code [0, images)} cut into consecutive slices of at most {@code perTask}; the last may be smaller. */
    public static List<TaskSlice> slices(int images, int perTask) {
        List<TaskSlice> slices = new ArrayList<>((images + perTask - 1) / perTask);
        for (int first = 0, index = 0; first < images; first += perTask, index++) {
            slices.add(new TaskSlice(index, first, Math.min(perTask, images - first)));
        }
        return slices;
    }

    /** Images {@code [firstImage, firstImage + imageCount)} as task {@code index}. */
    public record TaskSlice(int index, int firstImage, int imageCount) {
    }
}
