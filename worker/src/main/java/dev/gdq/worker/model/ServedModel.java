package dev.gdq.worker.model;

import ai.djl.Device;
import dev.gdq.protocol.ModelManifest;
import java.nio.file.Path;
import java.util.Optional;

/** A loaded, checked model: its manifest, device and networks. Closing it frees the native memory. */
public final class ServedModel implements AutoCloseable {

    private final Path folder;
    private final ModelManifest manifest;
    private final Device device;
    private final TorchScriptNetwork noiseModel;
    private final TorchScriptNetwork noisyClassifier;
    private final TorchScriptNetwork evalClassifier;

    ServedModel(Path folder, ModelManifest manifest, Device device, TorchScriptNetwork noiseModel,
                TorchScriptNetwork noisyClassifier, TorchScriptNetwork evalClassifier) {
        this.folder = folder;
        this.manifest = manifest;
        this.device = device;
        this.noiseModel = noiseModel;
        this.noisyClassifier = noisyClassifier;
        this.evalClassifier = evalClassifier;
    }

    public Path folder() {
        return folder;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public String name() {
        return manifest.name();
    }

    public Device device() {
        return device;
    }

    /** Shape of one image: channels, height, width. */
    public long[] imageShape() {
        return new long[] {manifest.channels(), manifest.imageSize(), manifest.imageSize()};
    }

    public NoisePredictor noiseModel() {
        return noiseModel;
    }

    public Optional<ClassifierGradient> noisyClassifier() {
        return Optional.ofNullable(noisyClassifier);
    }

    public Optional<ImageClassifier> evalClassifier() {
        return Optional.ofNullable(evalClassifier);
    }

    @Override
    public void close() {
        noiseModel.close();
        if (noisyClassifier != null) {
            noisyClassifier.close();
        }
        if (evalClassifier != null) {
            evalClassifier.close();
        }
    }
}
