package dev.gdq.reliability;

import java.time.Duration;

/**
 * What one fault run left behind, as the checker found it in the topics and the bucket.
 *
 * @param fault                what was done
 * @param images               images the job asked for
 * @param tasks                tasks of the job
 * @param imagesLost           images missing from the bucket or named by no committed COMPLETED event
 * @param duplicateObjects     objects under the job's prefix beyond one per image and per task manifest, plus image
 *                             keys named by more than one committed COMPLETED event
 * @param objectsRewritten     objects stored before the fault whose last-modified time changed after it: written
 *                             a second time
 * @param tasksNotExactlyOnce  tasks with zero or several committed terminal events, or a terminal event other than
 *                             COMPLETED
 * @param deadLetters          records on the dead-letter topic written during the run
 * @param poisonRecords        poison records produced during the run: {@code deadLetters} must equal it
 * @param poisonKeysLettered   distinct poison keys among the dead letters
 * @param recovery             from the end of the fault to the first task completed after it; null without a fault
 * @param runTime              from the enqueueing of the job to its last terminal event
 * @param detail               what the scenario observed, e.g. tasks in flight at the kill
 */
public record FaultFigures(String fault, int images, int tasks, int imagesLost, int duplicateObjects,
                           int objectsRewritten, int tasksNotExactlyOnce, int deadLetters, int poisonRecords,
                           int poisonKeysLettered, Duration recovery, Duration runTime, String detail) {

    /** Whether every figure is what it must be: nothing lost, doubled, rewritten or ended twice; dead letters = poison. */
    public boolean passes() {
        return imagesLost == 0 && duplicateObjects == 0 && objectsRewritten == 0 && tasksNotExactlyOnce == 0
                && deadLetters == poisonRecords && poisonKeysLettered == poisonRecords;
    }

    public FaultFigures withTimes(Duration recoveryTime, Duration run, String observed) {
        return new FaultFigures(fault, images, tasks, imagesLost, duplicateObjects, objectsRewritten,
                tasksNotExactlyOnce, deadLetters, poisonRecords, poisonKeysLettered, recoveryTime, run, observed);
    }
}
