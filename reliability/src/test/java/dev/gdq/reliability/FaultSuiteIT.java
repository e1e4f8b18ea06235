package dev.gdq.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fast subset of the fault suite inside {@code mvn verify}: real worker JVMs on the trivial model, a real broker
 * and S3 server, and the checker reading the topics and the bucket. The full suite: {@code reliability/run-faults.sh}.
 */
class FaultSuiteIT {

    private static FaultBed bed;
    private static FaultScenarios scenarios;

    @BeforeAll
    static void startBed() throws Exception {
        WorkerDistribution distribution = WorkerDistribution.locate();
        Path logs = Files.createDirectories(Path.of("target", "fault-logs"));
        bed = FaultBed.start();
        scenarios = new FaultScenarios(bed, distribution, Duration.ofMinutes(2), logs);
    }

    @AfterAll
    static void stopBed() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void killNineOfTheWorkerMidBatchLosesNothingAndEndsEveryTaskOnce() throws Exception {
        // batches long enough (1,000 steps) to be seen in flight, and enough of them left after a third have ended
        FaultFigures figures = scenarios.killWorkerMidBatch(480, 1000);

        assertThat(figures.detail()).doesNotContain("not ended").contains("tasks in flight");
        assertClean(figures);
        assertThat(figures.recovery()).as("a task completed after the kill").isNotNull();
    }

    @Test
    void poisonRecordsOfEveryKindEndOnTheDeadLetterTopicOnceEach() throws Exception {
        FaultFigures figures = scenarios.poison(48, 20, 11);

        assertThat(figures.detail()).doesNotContain("not ended");
        assertThat(figures.deadLetters()).isEqualTo(11);
        assertThat(figures.poisonKeysLettered()).isEqualTo(11);
        assertClean(figures);
    }

    @Test
    void s3StoppedMidRunDelaysButLosesNothing() throws Exception {
        FaultFigures figures = scenarios.s3Down(320, 100, Duration.ofSeconds(5));

        assertThat(figures.detail()).doesNotContain("not ended");
        assertClean(figures);
        assertThat(figures.recovery()).as("a task completed after S3 came back").isNotNull();
    }

    private static void assertClean(FaultFigures figures) {
        System.out.print(FaultTable.markdown(List.of(figures)));
        assertThat(figures.imagesLost()).as("images lost").isZero();
        assertThat(figures.duplicateObjects()).as("duplicate objects").isZero();
        assertThat(figures.objectsRewritten()).as("objects written again after the fault").isZero();
        assertThat(figures.tasksNotExactlyOnce()).as("tasks without exactly one committed terminal event").isZero();
        assertThat(figures.deadLetters()).as("dead letters").isEqualTo(figures.poisonRecords());
        assertThat(figures.passes()).isTrue();
    }
}
