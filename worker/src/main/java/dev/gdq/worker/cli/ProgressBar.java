package dev.gdq.worker.cli;

import java.io.PrintStream;
import java.time.Duration;

/** A one-line text progress bar, redrawn in place with a carriage return. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private int lastDrawnPercent = -1;
    private boolean finished;

    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = Math.max(1, total);
    }

    void update(long done, String detail) {
        int percent = (int) (100 * done / total);
        if (finished || (percent == lastDrawnPercent && done < total)) {
            return;
        }
        lastDrawnPercent = percent;
        int filled = (int) (WIDTH * done / total);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        out.printf("\r[%s%s] %3d%% %s %ds", "#".repeat(filled), ".".repeat(WIDTH - filled), percent, detail,
                elapsed.toSeconds());
        if (done >= total) {
            finished = true;
            out.println();
        }
        out.flush();
    }
}
