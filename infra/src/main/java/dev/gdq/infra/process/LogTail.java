package dev.gdq.infra.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a child's log, for error messages. */
public final class LogTail {

    public static final int DEFAULT_LINES = 40;

    private static final int MAX_TAIL_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** The last {@code lines} lines of {@code logFile} (read from its last 64 KiB), or a note saying why there are none. */
    public static String of(Path logFile, int lines) {
        if (!Files.exists(logFile)) {
            return "(no log written at " + logFile + ")";
        }
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(Math.max(0, Files.size(logFile) - MAX_TAIL_BYTES));
            List<String> all = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return tail.isEmpty() ? "(log " + logFile + " is empty)" : String.join(System.lineSeparator(), tail);
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** A message block: where the log is and its last lines. */
    public static String describe(Path logFile) {
        return "Log " + logFile + ", last lines:" + System.lineSeparator() + of(logFile, DEFAULT_LINES);
    }
}
