package dev.gdq.api.submit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts a JSONL body into its non-blank lines, numbered from 1 as an editor shows them (blank lines count). */
public final class JsonLines {

    private JsonLines() {
    }

    /** One non-blank line: its 1-based number and its bytes without the line break. */
    public record Line(int number, byte[] bytes) {
    }

    public static List<Line> split(byte[] body) {
        List<Line> lines = new ArrayList<>();
        int start = startsWithByteOrderMark(body) ? 3 : 0;
        int number = 1;
        for (int i = start; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                byte[] line = Arrays.copyOfRange(body, start, end);
                if (!isBlank(line)) {
                    lines.add(new Line(number, line));
                }
                number++;
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean startsWithByteOrderMark(byte[] body) {
        return body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
