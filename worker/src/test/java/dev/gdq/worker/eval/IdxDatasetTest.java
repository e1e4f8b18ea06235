package dev.gdq.worker.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    @TempDir
    Path folder;

    @Test
    void readsGzippedImagesAndLabelsIntoMinusOneToOne() throws IOException {
        writeImages(folder.resolve("t-images-idx3-ubyte.gz"), 0x803, new byte[][] {{0, (byte) 255, 0, 0},
                {(byte) 128, 0, 0, 1}});
        writeLabels(folder.resolve("t-labels-idx1-ubyte.gz"), 0x801, new byte[] {7, 2});

        IdxDataset data = IdxDataset.read(folder, "t");

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.height()).isEqualTo(2);
        assertThat(data.width()).isEqualTo(2);
        assertThat(data.labels()).containsExactly(7, 2);
        assertThat(data.pixels()[0]).containsExactly(-1f, 1f, -1f, -1f);
        assertThat(data.pixels()[1][0]).isEqualTo(128 / 127.5f - 1f);
    }

    @Test
    void namesTheFileWithAWrongMagicNumberOrMissingFiles() throws IOException {
        writeImages(folder.resolve("t-images-idx3-ubyte.gz"), 0x801, new byte[][] {{0, 0, 0, 0}});
        writeLabels(folder.resolve("t-labels-idx1-ubyte.gz"), 0x801, new byte[] {1});
        assertThatThrownBy(() -> IdxDataset.read(folder, "t"))
                .hasMessageContaining("t-images-idx3-ubyte.gz: magic number 0x801, expected 0x803");
        assertThatThrownBy(() -> IdxDataset.read(folder, "train"))
                .hasMessageContaining("no train-images-idx3-ubyte[.gz] in " + folder);
    }

    @Test
    void refusesLabelsThatDoNotMatchTheImages() throws IOException {
        writeImages(folder.resolve("t-images-idx3-ubyte.gz"), 0x803, new byte[][] {{0, 0, 0, 0}});
        writeLabels(folder.resolve("t-labels-idx1-ubyte.gz"), 0x801, new byte[] {1, 2});
        assertThatThrownBy(() -> IdxDataset.read(folder, "t")).hasMessageContaining("holds 2 labels for 1 images");
    }

    private static void writeImages(Path file, int magic, byte[][] images) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            out.writeInt(images.length);
            out.writeInt(2);
            out.writeInt(2);
            for (byte[] image : images) {
                out.write(image);
            }
        }
    }

    private static void writeLabels(Path file, int magic, byte[] labels) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }
}
