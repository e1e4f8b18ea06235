package dev.gdq.reliability;

import java.time.Duration;
import java.util.List;

/** The figures of a suite run as a markdown table. */
public final class FaultTable {

    private FaultTable() {
    }

    public static String markdown(List<FaultFigures> rows) {
        StringBuilder table = new StringBuilder();
        table.append("| fault | images (tasks) | images lost | duplicate objects | objects rewritten after the fault"
                + " | tasks without exactly one committed"
                + " terminal event | dead letters (poison sent) | time to recover | run time | observed | result |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultFigures row : rows) {
            table.append("| ").append(row.fault())
                    .append(" | ").append(row.images()).append(" (").append(row.tasks()).append(')')
                    .append(" | ").append(row.imagesLost())
                    .append(" | ").append(row.duplicateObjects())
                    .append(" | ").append(row.objectsRewritten())
                    .append(" | ").append(row.tasksNotExactlyOnce())
                    .append(" | ").append(row.deadLetters()).append(" (").append(row.poisonRecords()).append(')')
                    .append(" | ").append(time(row.recovery()))
                    .append(" | ").append(time(row.runTime()))
                    .append(" | ").append(row.detail().isEmpty() ? "-" : row.detail())
                    .append(" | ").append(row.passes() ? "pass" : "**FAIL**")
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String time(Duration duration) {
        return duration == null ? "-" : FaultScenarios.seconds(duration);
    }
}
