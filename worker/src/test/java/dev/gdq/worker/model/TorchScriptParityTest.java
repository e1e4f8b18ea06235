package dev.gdq.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gdq.worker.testing.ReferenceModel;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each TorchScript file of the reference model, loaded by DJL, reproduces the outputs the Python exporter
 * computed on the same inputs (models/fashion-mnist/parity/*.json) within 1e-4.
 */
class TorchScriptParityTest {

    private static final double TOLERANCE = 1e-4;

    private final ServedModel model = ReferenceModel.get();
    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager(model.device(), "PyTorch");
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void noiseModelMatchesPython() throws IOException {
        JsonNode fixture = fixture("noise_model");

        NDArray eps = model.noiseModel().predictNoise(tensor(fixture.at("/inputs/x")), tensor(fixture.at("/inputs/t")),
                tensor(fixture.at("/inputs/y")));

        assertClose(eps, fixture.at("/outputs/0"));
    }

    @Test
    void noisyClassifierLogitsMatchPython() throws IOException {
        JsonNode fixture = fixture("noisy_classifier");

        NDArray logits = model.noisyClassifier().orElseThrow()
                .logits(tensor(fixture.at("/inputs/x")), tensor(fixture.at("/inputs/t")));

        assertClose(logits, fixture.at("/outputs/0"));
    }

    @Test
    void noisyClassifierGradientMatchesTorchAutograd() throws IOException {
        JsonNode fixture = fixture("noisy_classifier");

        NDArray grad = model.noisyClassifier().orElseThrow().gradLogProbability(tensor(fixture.at("/inputs/x")),
                tensor(fixture.at("/inputs/t")), tensor(fixture.at("/inputs/labels")));

        assertClose(grad, fixture.at("/gradLogProb"));
    }

    @Test
    void evalClassifierMatchesPython() throws IOException {
        JsonNode fixture = fixture("eval_classifier");

        ImageClassifier.Output out = model.evalClassifier().orElseThrow().classify(tensor(fixture.at("/inputs/x")));

        assertClose(out.logits(), fixture.at("/outputs/0"));
        assertClose(out.features(), fixture.at("/outputs/1"));
    }

    private static JsonNode fixture(String name) throws IOException {
        return new ObjectMapper().readTree(ReferenceModel.folder().resolve("parity/" + name + ".json").toFile());
    }

    private NDArray tensor(JsonNode spec) {
        long[] dims = new long[spec.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = spec.get("shape").get(i).asLong();
        }
        JsonNode data = spec.get("data");
        if (spec.get("dtype").asText().startsWith("float")) {
            float[] values = new float[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) data.get(i).asDouble();
            }
            return manager.create(values, new Shape(dims));
        }
        long[] values = new long[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).asLong();
        }
        return manager.create(values, new Shape(dims));
    }

    private static void assertClose(NDArray actual, JsonNode expected) {
        assertThat(actual.getShape().getShape()).containsExactly(
                java.util.stream.StreamSupport.stream(expected.get("shape").spliterator(), false)
                        .mapToLong(JsonNode::asLong).toArray());
        float[] values = actual.toFloatArray();
        double worst = 0;
        for (int i = 0; i < values.length; i++) {
            worst = Math.max(worst, Math.abs(values[i] - expected.get("data").get(i).asDouble()));
        }
        assertThat(worst).as("largest absolute difference").isLessThanOrEqualTo(TOLERANCE);
    }
}
