package dev.gdq.api.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    private static final Path MODELS = Path.of(System.getProperty("gdq.repo.root", ".."), "models");

    @Test
    void readsTheReferenceModelFromAFolderOfModels() {
        ModelCatalog catalog = ModelCatalog.load(List.of(MODELS));

        assertThat(catalog.find("fashion-mnist")).get().satisfies(model -> {
            assertThat(model.classNames()).hasSize(10).contains("sneaker", "bag");
            assertThat(model.hasNoisyClassifier()).isTrue();
        });
    }

    @Test
    void readsAModelFolderItselfAndSkipsMissingFolders(@TempDir Path dir) {
        ModelCatalog catalog = ModelCatalog.load(List.of(dir.resolve("missing"), MODELS.resolve("fashion-mnist")));

        assertThat(catalog.manifests()).containsOnlyKeys("fashion-mnist");
        assertThat(catalog.searched()).hasSize(1);
    }

    @Test
    void skipsUnusableManifests(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/model.json"), "{\"schemaVersion\": 1, \"name\": \"broken\"}");
        Files.createDirectories(dir.resolve("v-prediction"));
        Files.writeString(dir.resolve("v-prediction/model.json"), Files.readString(
                MODELS.resolve("fashion-mnist/model.json")).replace("\"fashion-mnist\"", "\"v-model\"")
                .replace("\"epsilon\"", "\"v\""));

        assertThat(ModelCatalog.load(List.of(dir)).manifests()).isEmpty();
    }
}
