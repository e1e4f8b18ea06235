package dev.gdq.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The full fault suite ({@code reliability/run-faults.sh}): every fault of the reliability report at full size, one
 * after the other on one bed, then the table of figures on standard output and in {@code reliability/target/faults.md}.
 * Exits with 1 if any figure is not what it must be.
 */
public final class FaultSuite {

    private static final int IMAGES = 1_000;
    private static final int STEPS = 50;
    /**
     * Steps of the kill run: long enough batches to be seen in flight when a third of the tasks have ended (with
     * 50 steps a pipelined worker ends the rest before the next look at the events).
     */
    private static final int KILL_STEPS = 1_000;
    private static final int POISON = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int SCALE_IMAGES = 10_000;
    private static final int SCALE_STEPS = 1;
    private static final int SCALE_WORKERS = 2;

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "reliability/target/faults.md");
        WorkerDistribution distribution = WorkerDistribution.locate();
        Instant begin = Instant.now();
        List<FaultFigures> rows = new ArrayList<>();
        try (FaultBed bed = FaultBed.start()) {
            Path logs = Files.createDirectories(output.toAbsolutePath().getParent().resolve("fault-logs"));
            FaultScenarios scenarios = new FaultScenarios(bed, distribution, Duration.ofMinutes(15), logs);
            rows.add(report(scenarios.killWorkerMidBatch(IMAGES, KILL_STEPS)));
            rows.add(report(scenarios.restartBroker(IMAGES, STEPS)));
            rows.add(report(scenarios.brokerDown(IMAGES, STEPS, OUTAGE)));
            rows.add(report(scenarios.s3Down(IMAGES, STEPS, OUTAGE)));
            rows.add(report(scenarios.poison(IMAGES, STEPS, POISON)));
            rows.add(report(scenarios.scale(SCALE_IMAGES, SCALE_STEPS, SCALE_WORKERS)));
        }
        String table = FaultTable.markdown(rows);
        String header = "Fault suite run " + begin.truncatedTo(ChronoUnit.SECONDS) + " ("
                + FaultScenarios.seconds(Duration.between(begin, Instant.now())) + " in all), trivial model, batch "
                + "32, tasks of " + FaultScenarios.IMAGES_PER_TASK + " images, DDIM " + STEPS + " steps (kill run: "
                + KILL_STEPS + ", scale run: " + SCALE_STEPS + ").\n\n";
        write(output, header + table);
        System.out.println();
        System.out.println(header + table);
        boolean allPass = rows.stream().allMatch(FaultFigures::passes);
        System.exit(allPass ? 0 : 1);
    }

    private static FaultFigures report(FaultFigures figures) {
        System.out.println("fault suite: " + FaultTable.markdown(List.of(figures)).lines().skip(2).findFirst()
                .orElse(""));
        return figures;
    }

    private static void write(Path output, String text) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, text);
    }
}
