package dev.gdq.worker.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.worker.testing.ReferenceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    @TempDir
    Path folder;

    @Test
    void everyCommittedSweepIsValidAndHasAtLeastHundredImagesPerClass() throws Exception {
        try (Stream<Path> files = Files.list(ReferenceModel.repoRoot().resolve("eval/sweeps"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Sweep sweep = Sweep.read(file);
                sweep.validate(ReferenceModel.get().manifest(), new SamplingPlanner());
                assertThat(sweep.imagesPerClass()).as(file.toString()).isGreaterThanOrEqualTo(100);
            }
        }
    }

    @Test
    void namesEveryInvalidFieldOfEverySetting() throws Exception {
        Sweep sweep = Sweep.read(write("""
                {"schemaVersion": 1, "name": "Bad Name", "title": "t", "axis": "s", "imagesPerClass": 1, "seed": 1,
                 "settings": [
                   {"label": "a", "x": 1, "sampler": {"name": "ddim", "steps": 0}},
                   {"label": "a", "sampler": {"name": "ddim", "steps": 10},
                    "guidance": {"cfg": {"schedule": {"type": "constant", "scale": -2}}}}
                 ]}
                """));
        assertThatThrownBy(() -> sweep.validate(ReferenceModel.get().manifest(), new SamplingPlanner()))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessageContaining("name: must match")
                .hasMessageContaining("imagesPerClass: must be at least 2")
                .hasMessageContaining("settings[0].sampler.steps")
                .hasMessageContaining("settings[1].label: must be present and unique")
                .hasMessageContaining("settings[1].x: required")
                .hasMessageContaining("settings[1].guidance.cfg.schedule.scale");
    }

    @Test
    void rejectsUnknownFieldsAndWrongTypesByName() throws IOException {
        Path typo = write("""
                {"schemaVersion": 1, "name": "n", "title": "t", "imagesPerClass": 2, "seed": 1, "settings": [],
                 "imagesPerClas": 100}
                """);
        assertThatThrownBy(() -> Sweep.read(typo)).isInstanceOf(InvalidSweepException.class)
                .hasMessageContaining("field 'imagesPerClas': unknown field");
        Path wrongType = write("""
                {"schemaVersion": 1, "name": "n", "title": "t", "imagesPerClass": "many", "seed": 1, "settings": []}
                """);
        assertThatThrownBy(() -> Sweep.read(wrongType)).isInstanceOf(InvalidSweepException.class)
                .hasMessageContaining("imagesPerClass");
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(folder, "sweep", ".json");
        return Files.writeString(file, json);
    }
}
