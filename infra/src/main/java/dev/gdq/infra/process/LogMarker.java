package dev.gdq.infra.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Readiness by a line in a child's log: true once {@code marker} was written after this object was
 * created. Reads only what was appended since the last call, so an earlier run's lines in the same
 * log (services.sh appends) are never taken for this one's.
 */
public final class LogMarker implements Readiness {

    private final Path logFile;
    private final String marker;
    private long position;
    private String carry = "";

    private LogMarker(Path logFile, String marker, long position) {
        this.logFile = logFile;
        this.marker = marker;
        this.position = position;
    }

    /** Watches {@code logFile} from its current end for {@code marker} (ASCII). */
    public static LogMarker from(Path logFile, String marker) throws IOException {
        return new LogMarker(logFile, marker, Files.exists(logFile) ? Files.size(logFile) : 0);
    }

    @Override
    public boolean isReady() throws IOException {
        if (!Files.exists(logFile)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(position);
            byte[] appended = in.readAllBytes();
            position += appended.length;
            // ISO-8859-1 maps every byte to one char: a multi-byte character split between reads cannot fail decoding
            String text = carry + new String(appended, StandardCharsets.ISO_8859_1);
            if (text.contains(marker)) {
                return true;
            }
            carry = text.substring(Math.max(0, text.length() - marker.length() + 1));
            return false;
        }
    }
}
