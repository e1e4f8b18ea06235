package dev.gdq.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdq.protocol.WireCodec;
import dev.gdq.worker.testing.ReferenceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken model folder fails to load with a message naming the file or field and the rule. */
class ModelRepositoryTest {

    @TempDir
    Path temp;

    private final ModelRepository repository = new ModelRepository(false);

    @Test
    void referenceModelLoadsWithAllThreeNetworks() throws ModelLoadException, IOException {
        try (ServedModel model = repository.load(copyOfReferenceModel())) {
            assertThat(model.name()).isEqualTo("fashion-mnist");
            assertThat(model.imageShape()).containsExactly(1, 28, 28);
            assertThat(model.noisyClassifier()).isPresent();
            assertThat(model.evalClassifier()).isPresent();
        }
    }

    @Test
    void missingManifestIsNamed() {
        assertThatThrownBy(() -> repository.load(temp))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("model.json is missing");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path folder = copyOfReferenceModel();
        Files.delete(folder.resolve("noisy_classifier.pt"));

        assertThatThrownBy(() -> repository.load(folder)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("files.noisyClassifier.path").hasMessageContaining("noisy_classifier.pt is missing");
    }

    @Test
    void wrongHashIsNamed() throws IOException {
        Path folder = copyOfReferenceModel();
        byte[] bytes = Files.readAllBytes(folder.resolve("eval_classifier.pt"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(folder.resolve("eval_classifier.pt"), bytes);

        assertThatThrownBy(() -> repository.load(folder)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("files.evalClassifier.sha256").hasMessageContaining("the manifest says");
    }

    @Test
    void malformedManifestNamesTheField() throws IOException {
        Path folder = copyOfReferenceModel();
        editManifest(folder, m -> m.put("imageSize", "large"));

        assertThatThrownBy(() -> repository.load(folder)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("field 'imageSize'");
    }

    @Test
    void nullLabelInsideTheClassRangeIsRejected() throws IOException {
        Path folder = copyOfReferenceModel();
        editManifest(folder, m -> m.put("nullLabel", 3));

        assertThatThrownBy(() -> repository.load(folder)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("field 'nullLabel'");
    }

    @Test
    void wrongOutputShapeIsNamed() throws Exception {
        Path folder = copyOfReferenceModel();
        Path broken = Path.of(getClass().getResource("/broken-models/wrong-shape/noise_model.pt").toURI());
        Files.copy(broken, folder.resolve("noise_model.pt"), StandardCopyOption.REPLACE_EXISTING);
        String hash = ModelRepository.sha256(folder.resolve("noise_model.pt"));
        editManifest(folder, m -> ((ObjectNode) m.get("files").get("noiseModel")).put("sha256", hash));

        assertThatThrownBy(() -> repository.load(folder)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("noise_model.pt: noise prediction must be float32(2, 1, 28, 28)")
                .hasMessageContaining("(2, 10)");
    }

    private Path copyOfReferenceModel() throws IOException {
        Path folder = temp.resolve("fashion-mnist");
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(ReferenceModel.folder())) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return folder;
    }

    private static void editManifest(Path folder, Consumer<ObjectNode> edit) throws IOException {
        Path file = folder.resolve(ModelRepository.MANIFEST_FILE);
        ObjectNode manifest = (ObjectNode) WireCodec.mapper().readTree(file.toFile());
        edit.accept(manifest);
        Files.write(file, WireCodec.mapper().writeValueAsBytes(manifest));
    }
}
