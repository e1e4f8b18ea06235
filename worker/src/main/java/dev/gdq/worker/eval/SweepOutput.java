package dev.gdq.worker.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.WireCodec;
import dev.gdq.worker.image.ContactSheet;
import dev.gdq.worker.image.PngEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The files of one sweep under {@code <out>/<sweep name>/}: per setting a sample grid
 * ({@code grids/NN-label.png}) and its measures ({@code settings/NN-label.json}, with a fingerprint of everything
 * that determines the images, so that a resumed run reuses a measure only when it would come out the same).
 */
public final class SweepOutput {

    private static final int GRID_COLUMNS = 10;
    private static final int GRID_ZOOM = 2;

    /** What {@code settings/NN-label.json} holds. */
    record StoredSetting(@JsonProperty(value = "fingerprint", required = true) String fingerprint,
                         @JsonProperty(value = "result", required = true) SettingResult result) {
    }

    private final Path folder;
    private final Sweep sweep;
    private final ModelManifest model;
    private final boolean resume;

    public SweepOutput(Path root, Sweep sweep, ModelManifest model, boolean resume) {
        this.folder = root.resolve(sweep.name());
        this.sweep = sweep;
        this.model = model;
        this.resume = resume;
    }

    public Path folder() {
        return folder;
    }

    public Path grid(int index) {
        return folder.resolve("grids").resolve(fileName(index) + ".png");
    }

    Optional<SettingResult> storedResult(int index, Sweep.Setting setting) throws IOException {
        Path file = settingFile(index);
        if (!resume || !Files.isRegularFile(file) || !Files.isRegularFile(grid(index))) {
            return Optional.empty();
        }
        StoredSetting stored = WireCodec.mapper().readValue(file.toFile(), StoredSetting.class);
        return stored.fingerprint().equals(fingerprint(setting)) ? Optional.of(stored.result()) : Optional.empty();
    }

    void storeSetting(int index, SettingResult result, SweepRunner.SampledImages images) throws IOException {
        Files.createDirectories(grid(index).getParent());
        ImageIO.write(grid(images), "png", grid(index).toFile());
        Files.createDirectories(settingFile(index).getParent());
        WireCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(settingFile(index).toFile(),
                new StoredSetting(fingerprint(result.setting()), result));
    }

    /** The first {@link #GRID_COLUMNS} images of each class, one row per class. */
    private BufferedImage grid(SweepRunner.SampledImages images) {
        int size = model.imageSize();
        List<ContactSheet.Row> rows = new ArrayList<>();
        for (int c = 0; c < model.classNames().size(); c++) {
            List<BufferedImage> row = new ArrayList<>();
            for (int i = 0; i < images.labels().length && row.size() < GRID_COLUMNS; i++) {
                if (images.labels()[i] == c) {
                    row.add(PngEncoder.toImage(images.pixels().get(i), model.channels(), size, size));
                }
            }
            if (!row.isEmpty()) {
                rows.add(new ContactSheet.Row(model.classNames().get(c), row));
            }
        }
        return ContactSheet.render(rows, GRID_ZOOM);
    }

    private Path settingFile(int index) {
        return folder.resolve("settings").resolve(fileName(index) + ".json");
    }

    private String fileName(int index) {
        String label = sweep.settings().get(index).label().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
        return String.format(Locale.ROOT, "%02d-%s", index, label);
    }

    /** The setting, the sweep's seed and size, and the model's files: what the images depend on. */
    private String fingerprint(Sweep.Setting setting) {
        ObjectMapper mapper = WireCodec.mapper();
        ObjectNode node = mapper.createObjectNode();
        node.set("setting", mapper.valueToTree(setting));
        node.put("imagesPerClass", sweep.imagesPerClass());
        node.put("seed", sweep.seed());
        node.set("modelFiles", mapper.valueToTree(model.files()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(node.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
