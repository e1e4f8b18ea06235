package dev.gdq.scheduler.plan;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import java.util.List;

/** A Fashion-MNIST-like manifest and a valid request to mutate. */
final class Fixtures {

    static final List<String> CLASS_NAMES = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle-boot");

    static ModelManifest manifest(boolean noisyClassifier) {
        ModelManifest.ModelFile noise = new ModelManifest.ModelFile("noise.pt", "00", null);
        ModelManifest.ModelFile classifier = noisyClassifier ? new ModelManifest.ModelFile("noisy.pt", "01", null) : null;
        return new ModelManifest(1, "fashion", "1", 28, 1, CLASS_NAMES, 10,
                new ModelManifest.NoiseScheduleSpec("linear", 1000, 1e-4, 0.02), "epsilon",
                new ModelManifest.Files(noise, classifier, null), null, null);
    }

    /** 2 classes x 3 images, DDIM 50 steps, linear CFG 1 to 5, classifier guidance 0.5. */
    static GenerationRequest valid() {
        return new GenerationRequest(1, "fashion", List.of(ClassRef.named("sneaker"), ClassRef.indexed(8)), 3, null,
                42L, new SamplerSpec("ddim", 50, 0.0, "trailing", null),
                new GuidanceSpec(new GuidanceSpec.Cfg(new ScheduleSpec.Linear(1.0, 5.0)),
                        new GuidanceSpec.Classifier(new ScheduleSpec.Constant(0.5)), 0.7,
                        new GuidanceSpec.Thresholding(0.995)),
                "tenant", "key", 5, null);
    }

    static Builder request() {
        return new Builder(valid());
    }

    /** Copies of a request with one part replaced. */
    static final class Builder {
        private int schemaVersion;
        private String model;
        private List<ClassRef> classes;
        private Integer imagesPerClass;
        private Integer totalImages;
        private SamplerSpec sampler;
        private GuidanceSpec guidance;
        private Integer priority;

        private Builder(GenerationRequest r) {
            schemaVersion = r.schemaVersion();
            model = r.model();
            classes = r.classes();
            imagesPerClass = r.imagesPerClass();
            totalImages = r.totalImages();
            sampler = r.sampler();
            guidance = r.guidance();
            priority = r.priority();
        }

        Builder schemaVersion(int value) {
            schemaVersion = value;
            return this;
        }

        Builder model(String value) {
            model = value;
            return this;
        }

        Builder classes(List<ClassRef> value) {
            classes = value;
            return this;
        }

        Builder counts(Integer perClass, Integer total) {
            imagesPerClass = perClass;
            totalImages = total;
            return this;
        }

        Builder sampler(SamplerSpec value) {
            sampler = value;
            return this;
        }

        Builder guidance(GuidanceSpec value) {
            guidance = value;
            return this;
        }

        Builder cfg(ScheduleSpec schedule) {
            guidance = new GuidanceSpec(new GuidanceSpec.Cfg(schedule), null, null, null);
            return this;
        }

        Builder priority(Integer value) {
            priority = value;
            return this;
        }

        GenerationRequest build() {
            return new GenerationRequest(schemaVersion, model, classes, imagesPerClass, totalImages, 42L, sampler,
                    guidance, "tenant", "key", priority, null);
        }
    }

    private Fixtures() {
    }
}
