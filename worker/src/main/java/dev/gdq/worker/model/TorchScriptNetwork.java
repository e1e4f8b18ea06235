package dev.gdq.worker.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One TorchScript file loaded on DJL's PyTorch engine, implementing whichever role the manifest gives it.
 * Inference runs the module as loaded (inference mode). The noisy classifier is loaded with
 * {@code trainParam=true}, which autograd needs; it must be free of dropout and batch-norm (contract), so its
 * train-mode forward equals its inference forward.
 */
final class TorchScriptNetwork implements NoisePredictor, ClassifierGradient, ImageClassifier, AutoCloseable {

    private static final String ENGINE = "PyTorch";

    private final Model model;

    private TorchScriptNetwork(Model model) {
        this.model = model;
    }

    static TorchScriptNetwork load(Path folder, String fileName, Device device, boolean withGradients)
            throws IOException, MalformedModelException {
        Model model = Model.newInstance(fileName, device, ENGINE);
        try {
            model.load(folder, fileName, withGradients ? Map.of("trainParam", "true") : Map.of());
            return new TorchScriptNetwork(model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    NDList forward(NDList inputs, boolean training) {
        ParameterStore store = new ParameterStore(inputs.head().getManager(), false);
        return model.getBlock().forward(store, inputs, training);
    }

    @Override
    public NDArray predictNoise(NDArray x, NDArray t, NDArray y) {
        return forward(new NDList(x, t, y), false).singletonOrThrow();
    }

    @Override
    public NDArray logits(NDArray x, NDArray t) {
        return forward(new NDList(x, t), false).singletonOrThrow();
    }

    @Override
    public NDArray gradLogProbability(NDArray x, NDArray t, NDArray y) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector collector = x.getManager().getEngine().newGradientCollector()) {
            NDArray logits = forward(new NDList(input, t), true).singletonOrThrow();
            NDArray selected = logits.logSoftmax(1).gather(y.reshape(-1, 1), 1).sum();
            collector.backward(selected);
        }
        return input.getGradient().duplicate();
    }

    @Override
    public Output classify(NDArray x) {
        NDList out = forward(new NDList(x), false);
        if (out.size() != 2) {
            throw new IllegalStateException("evaluation classifier must return (logits, features), got " + out.size()
                    + " outputs");
        }
        return new Output(out.get(0), out.get(1));
    }

    @Override
    public void close() {
        model.close();
    }
}
