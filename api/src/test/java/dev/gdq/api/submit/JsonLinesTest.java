package dev.gdq.api.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    @Test
    void numbersLinesAsAnEditorDoesAndSkipsBlankOnes() {
        List<JsonLines.Line> lines = JsonLines.split(bytes("{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}"));

        assertThat(lines).extracting(JsonLines.Line::number).containsExactly(1, 4, 5);
        assertThat(lines).extracting(line -> new String(line.bytes(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void trailingNewlineAndByteOrderMarkAreNotLines() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] body = bytes("{\"a\":1}\n");
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);

        assertThat(JsonLines.split(withBom)).singleElement()
                .satisfies(line -> assertThat(new String(line.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}"));
    }

    @Test
    void emptyBodyHasNoLines() {
        assertThat(JsonLines.split(new byte[0])).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
