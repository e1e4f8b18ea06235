package dev.gdq.api.models;

import dev.gdq.protocol.ModelManifest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A served model as {@code GET /v1/models} shows it.
 *
 * @param name                 the name requests use in {@code model}
 * @param version              model version
 * @param imageSize            height and width in pixels
 * @param channels             1 grey, 3 RGB
 * @param classes              the classes: request them by name or by index
 * @param nullLabel            label of the unconditional rows
 * @param timesteps            training timesteps T
 * @param noiseSchedule        training noise schedule type
 * @param maxSteps             most sampling steps a request may ask for (T and the server's limit)
 * @param classifierGuidance   whether {@code guidance.classifier} is available (the model has a noisy classifier)
 */
@Schema(name = "Model")
public record ModelDescription(String name, String version, int imageSize, int channels, List<ModelClass> classes,
                               int nullLabel, int timesteps, String noiseSchedule, int maxSteps,
                               boolean classifierGuidance) {

    /** A class of the model: its label and its name. */
    @Schema(name = "ModelClass")
    public record ModelClass(int index, String name) {
    }

    public static ModelDescription of(ModelManifest manifest, int serverMaxSteps) {
        List<ModelClass> classes = new ArrayList<>(manifest.classNames().size());
        for (int i = 0; i < manifest.classNames().size(); i++) {
            classes.add(new ModelClass(i, manifest.classNames().get(i)));
        }
        int timesteps = manifest.noiseSchedule().timesteps();
        return new ModelDescription(manifest.name(), manifest.version(), manifest.imageSize(), manifest.channels(),
                List.copyOf(classes), manifest.nullLabel(), timesteps, manifest.noiseSchedule().type(),
                Math.min(timesteps, serverMaxSteps), manifest.hasNoisyClassifier());
    }
}
