package dev.gdq.api.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.api.models.ModelCatalog;
import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GenerationTask;
import dev.gdq.protocol.JobEventType;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.scheduler.plan.SamplingPlanner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobFactoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T16:20:00Z"), ZoneOffset.UTC);
    private static final ModelManifest MODEL = ModelCatalog.load(List.of(Path.of(
            System.getProperty("gdq.repo.root", ".."), "models"))).find("fashion-mnist").orElseThrow();

    static Stream<Arguments> slicing() {
        return Stream.of(
                Arguments.of(1, 16, List.of(new JobFactory.TaskSlice(0, 0, 1))),
                Arguments.of(16, 16, List.of(new JobFactory.TaskSlice(0, 0, 16))),
                Arguments.of(17, 16, List.of(new JobFactory.TaskSlice(0, 0, 16), new JobFactory.TaskSlice(1, 16, 1))),
                Arguments.of(10, 4, List.of(new JobFactory.TaskSlice(0, 0, 4), new JobFactory.TaskSlice(1, 4, 4),
                        new JobFactory.TaskSlice(2, 8, 2))),
                Arguments.of(3, 1, List.of(new JobFactory.TaskSlice(0, 0, 1), new JobFactory.TaskSlice(1, 1, 1),
                        new JobFactory.TaskSlice(2, 2, 1))));
    }

    @ParameterizedTest(name = "{0} images by {1}")
    @MethodSource("slicing")
    void imagesAreCutIntoConsecutiveSlicesOfAtMostTheBatchSize(int images, int perTask,
                                                               List<JobFactory.TaskSlice> expected) {
        assertThat(JobFactory.slices(images, perTask)).isEqualTo(expected);
    }

    @Test
    void aLargeJobCoversEveryImageExactlyOnce() {
        List<JobFactory.TaskSlice> slices = JobFactory.slices(10_000, 16);

        assertThat(slices).hasSize(625);
        assertThat(slices.stream().mapToInt(JobFactory.TaskSlice::imageCount).sum()).isEqualTo(10_000);
        for (int i = 1; i < slices.size(); i++) {
            assertThat(slices.get(i).firstImage()).isEqualTo(slices.get(i - 1).firstImage()
                    + slices.get(i - 1).imageCount());
        }
    }

    @Test
    void resolvesSeedPriorityAndTenantAndSplitsIntoTasks() {
        JobFactory factory = new JobFactory(4, 5, new JobIds(CLOCK), () -> 12345L, CLOCK);

        NewJob job = factory.create(read(request(null, null)));

        assertThat(job.request().seed()).isEqualTo(12345L);
        assertThat(job.request().priority()).isEqualTo(5);
        assertThat(job.request().tenant()).isEqualTo("team-a");
        assertThat(job.tasks()).extracting(GenerationTask::recordKey)
                .containsExactly(job.jobId() + "/0", job.jobId() + "/1", job.jobId() + "/2");
        assertThat(job.tasks()).allSatisfy(task -> {
            assertThat(task.taskCount()).isEqualTo(3);
            assertThat(task.request()).isEqualTo(job.request());
            assertThat(task.enqueuedAt()).isEqualTo(CLOCK.instant());
        });
        assertThat(job.tasks().get(2).firstImage()).isEqualTo(8);
        assertThat(job.tasks().get(2).imageCount()).isEqualTo(2);
    }

    @Test
    void queuedEventCarriesTheResolvedRequestAndTheDigest() {
        JobFactory factory = new JobFactory(4, 5, new JobIds(CLOCK), () -> 1L, CLOCK);
        ReadRequest read = read(request(99L, 8));

        NewJob job = factory.create(read);

        assertThat(job.queued().type()).isEqualTo(JobEventType.QUEUED);
        assertThat(job.queued().jobId()).isEqualTo(job.jobId());
        assertThat(job.queued().taskCount()).isEqualTo(3);
        assertThat(job.queued().imageCount()).isEqualTo(10);
        assertThat(job.queued().tenant()).isEqualTo("team-a");
        assertThat(job.queued().request()).isEqualTo(job.request());
        assertThat(job.queued().requestDigest()).isEqualTo(read.digest());
        assertThat(job.request().seed()).isEqualTo(99L);
        assertThat(job.request().priority()).isEqualTo(8);
    }

    @Test
    void pickedSeedsStayBelowTwoToThe53() {
        var seeds = JobFactory.randomSeeds();
        for (int i = 0; i < 1000; i++) {
            assertThat(seeds.getAsLong()).isBetween(0L, JobFactory.MAX_PICKED_SEED);
        }
    }

    private static GenerationRequest request(Long seed, Integer priority) {
        return new GenerationRequest(1, "fashion-mnist", List.of(ClassRef.named("bag")), null, 10, seed,
                SamplerSpec.of("ddim", 20), null, "team-a", null, priority, null);
    }

    private static ReadRequest read(GenerationRequest request) {
        return new ReadRequest(request, RequestDigest.of(request),
                new SamplingPlanner().plan(request, MODEL).orElseThrow());
    }
}
