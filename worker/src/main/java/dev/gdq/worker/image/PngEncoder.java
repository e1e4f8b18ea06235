package dev.gdq.worker.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes samples as PNG through ImageIO, with a {@code tEXt} chunk (keyword {@value #PARAMETERS_KEYWORD})
 * holding the generation parameters as JSON, so an image file says how it was made.
 */
public final class PngEncoder {

    public static final String PARAMETERS_KEYWORD = "parameters";
    private static final String PNG_METADATA_FORMAT = "javax_imageio_png_1.0";

    private PngEncoder() {
    }

    /**
     * @param pixels   values in [-1, 1], channel-major ({@code [C][H][W]} flattened), C = 1 (grey) or 3 (RGB)
     * @param textJson the generation parameters, written as the tEXt chunk
     */
    public static byte[] encode(float[] pixels, int channels, int height, int width, String textJson) {
        return encode(toImage(pixels, channels, height, width), textJson);
    }

    public static byte[] encode(BufferedImage image, String textJson) {
        ImageWriter writer = pngWriter();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            if (textJson != null) {
                addText(metadata, PARAMETERS_KEYWORD, textJson);
            }
            writer.write(null, new IIOImage(image, null, metadata), null);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
    }

    /** Maps [-1, 1] to 0..255 with rounding and clamping. */
    public static BufferedImage toImage(float[] pixels, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels * height * width + " values, got " + pixels.length);
        }
        int plane = height * width;
        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (channels == 1) {
                    image.getRaster().setSample(x, y, 0, toByte(pixels[i]));
                } else {
                    int rgb = toByte(pixels[i]) << 16 | toByte(pixels[plane + i]) << 8 | toByte(pixels[2 * plane + i]);
                    image.setRGB(x, y, rgb);
                }
            }
        }
        return image;
    }

    /** The 8-bit value a pixel in [-1, 1] is stored as. */
    public static int toByte(float value) {
        long scaled = Math.round((value + 1.0) * 127.5);
        return (int) Math.max(0, Math.min(255, scaled));
    }

    /** Reads the tEXt chunk written by {@link #encode}, or null when there is none. */
    public static String readParameters(byte[] png) {
        try (var in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(png))) {
            var reader = ImageIO.getImageReadersByFormatName("png").next();
            try {
                reader.setInput(in);
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree(PNG_METADATA_FORMAT);
                var entries = root.getElementsByTagName("tEXtEntry");
                for (int i = 0; i < entries.getLength(); i++) {
                    IIOMetadataNode entry = (IIOMetadataNode) entries.item(i);
                    if (PARAMETERS_KEYWORD.equals(entry.getAttribute("keyword"))) {
                        return entry.getAttribute("value");
                    }
                }
                return null;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PNG", e);
        }
    }

    private static ImageWriter pngWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer in this JRE");
        }
        return writers.next();
    }

    private static void addText(IIOMetadata metadata, String keyword, String value) throws IIOInvalidTreeException {
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", value);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA_FORMAT);
        root.appendChild(text);
        metadata.mergeTree(PNG_METADATA_FORMAT, root);
    }
}
