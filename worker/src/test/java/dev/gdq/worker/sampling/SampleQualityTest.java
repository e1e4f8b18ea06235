package dev.gdq.worker.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.testing.ReferenceModel;
import dev.gdq.worker.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 100 samples of the reference model, judged by its evaluation classifier. */
class SampleQualityTest {

    private final ServedModel model = ReferenceModel.get();

    @Test
    void hundredGuidedSamplesAreRecognisedAsTheirClass() {
        GenerationRequest request = Requests.request(model.manifest().classNames(), 10, 2026,
                SamplerSpec.of("ddim", 50), GuidanceSpec.cfg(new ScheduleSpec.Constant(3)));
        ImageGenerator generator = new ImageGenerator(model);
        List<GeneratedImage> images = new ArrayList<>();
        List<ImageOrder> orders = Requests.orders(request);
        for (int first = 0; first < orders.size(); first += 50) {
            images.addAll(generator.generate(orders.subList(first, first + 50), SamplingListener.NONE));
        }

        int correct = 0;
        try (NDManager manager = NDManager.newBaseManager(model.device(), "PyTorch")) {
            float[] pixels = new float[images.size() * 784];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i).pixels(), 0, pixels, i * 784, 784);
            }
            NDArray logits = model.evalClassifier().orElseThrow()
                    .classify(manager.create(pixels, new Shape(images.size(), 1, 28, 28))).logits();
            long[] predicted = logits.argMax(1).toLongArray();
            for (int i = 0; i < images.size(); i++) {
                correct += predicted[i] == images.get(i).order().plan().classIndexOfImage(i) ? 1 : 0;
            }
        }

        System.out.printf("evaluation classifier: %d of 100 samples recognised as their class%n", correct);
        assertThat(correct).as("of 100 samples, recognised as their class").isGreaterThanOrEqualTo(90);
    }
}
