package dev.gdq.worker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void parametersTravelInATextChunk() {
        String json = "{\"model\":\"fashion-mnist\",\"class\":\"sneaker\",\"seed\":7}";

        byte[] png = PngEncoder.encode(new float[] {-1f, 0f, 1f, 0.5f}, 1, 2, 2, json);

        assertThat(PngEncoder.readParameters(png)).isEqualTo(json);
    }

    @Test
    void pixelsMapFromMinusOneOneToBytes() throws IOException {
        byte[] png = PngEncoder.encode(new float[] {-1f, 0f, 1f, 2f}, 1, 2, 2, null);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(2);
        assertThat(image.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(image.getRaster().getSample(1, 0, 0)).isEqualTo(128);
        assertThat(image.getRaster().getSample(0, 1, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(1, 1, 0)).as("clamped").isEqualTo(255);
    }

    @Test
    void rgbChannelsAreChannelMajor() throws IOException {
        float[] redPixel = {1f, -1f, -1f};

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(redPixel, 3, 1, 1, null)));

        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void contactSheetHasOneRowPerLabel() {
        BufferedImage tile = PngEncoder.toImage(new float[28 * 28], 1, 28, 28);

        BufferedImage sheet = ContactSheet.render(List.of(new ContactSheet.Row("bag", List.of(tile, tile, tile)),
                new ContactSheet.Row("sneaker", List.of(tile))), 2);

        assertThat(sheet.getHeight()).isEqualTo(2 * (56 + 2) + 2);
        assertThat(sheet.getWidth()).isEqualTo(96 + 3 * (56 + 2));
    }
}
