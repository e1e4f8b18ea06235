package dev.gdq.worker.eval;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Images and labels in the IDX format of MNIST and Fashion-MNIST ({@code *-images-idx3-ubyte[.gz]},
 * {@code *-labels-idx1-ubyte[.gz]}), pixels mapped from 0..255 to [-1, 1] as in training.
 *
 * @param pixels one array of {@code height * width} values per image
 * @param labels class index of each image
 */
public record IdxDataset(float[][] pixels, int[] labels, int height, int width) {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    /** Reads {@code <prefix>-images-idx3-ubyte.gz} and {@code <prefix>-labels-idx1-ubyte.gz} (or without .gz). */
    public static IdxDataset read(Path folder, String prefix) throws IOException {
        Path images = existing(folder, prefix + "-images-idx3-ubyte");
        Path labels = existing(folder, prefix + "-labels-idx1-ubyte");
        float[][] pixels;
        int height;
        int width;
        try (DataInputStream in = open(images)) {
            int count = header(in, images, IMAGES_MAGIC);
            height = in.readInt();
            width = in.readInt();
            byte[] plane = new byte[height * width];
            pixels = new float[count][];
            for (int i = 0; i < count; i++) {
                in.readFully(plane);
                float[] image = new float[plane.length];
                for (int p = 0; p < plane.length; p++) {
                    image[p] = (plane[p] & 0xff) / 127.5f - 1f;
                }
                pixels[i] = image;
            }
        }
        int[] classes;
        try (DataInputStream in = open(labels)) {
            int count = header(in, labels, LABELS_MAGIC);
            if (count != pixels.length) {
                throw new IOException(labels + " holds " + count + " labels for " + pixels.length + " images in "
                        + images);
            }
            classes = new int[count];
            for (int i = 0; i < count; i++) {
                classes[i] = in.readUnsignedByte();
            }
        }
        return new IdxDataset(pixels, classes, height, width);
    }

    public int size() {
        return labels.length;
    }

    private static Path existing(Path folder, String name) throws IOException {
        for (Path candidate : new Path[] {folder.resolve(name + ".gz"), folder.resolve(name)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no " + name + "[.gz] in " + folder + " (Debian package dataset-fashion-mnist "
                + "installs /usr/share/datasets/fashion-mnist)");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in);
    }

    private static int header(DataInputStream in, Path file, int expectedMagic) throws IOException {
        int magic = in.readInt();
        if (magic != expectedMagic) {
            throw new IOException(file + ": magic number 0x" + Integer.toHexString(magic) + ", expected 0x"
                    + Integer.toHexString(expectedMagic));
        }
        return in.readInt();
    }
}
