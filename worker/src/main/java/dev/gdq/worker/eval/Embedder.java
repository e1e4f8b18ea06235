package dev.gdq.worker.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gdq.worker.model.ImageClassifier;
import java.util.List;

/** Runs the evaluation classifier over images in batches. */
public final class Embedder {

    private static final int BATCH = 500;

    private final ImageClassifier classifier;
    private final Device device;
    private final long[] imageShape;

    /** @param imageShape channels, height, width */
    public Embedder(ImageClassifier classifier, Device device, long[] imageShape) {
        this.classifier = classifier;
        this.device = device;
        this.imageShape = imageShape.clone();
    }

    /** @param pixels one array per image, values in [-1, 1], channel-major */
    public Embeddings embed(List<float[]> pixels, int[] labels) {
        if (pixels.size() != labels.length) {
            throw new IllegalArgumentException(pixels.size() + " images but " + labels.length + " labels");
        }
        int plane = Math.toIntExact(imageShape[0] * imageShape[1] * imageShape[2]);
        float[][] logits = new float[pixels.size()][];
        float[][] features = new float[pixels.size()][];
        for (int first = 0; first < pixels.size(); first += BATCH) {
            int count = Math.min(BATCH, pixels.size() - first);
            float[] batch = new float[count * plane];
            for (int i = 0; i < count; i++) {
                System.arraycopy(pixels.get(first + i), 0, batch, i * plane, plane);
            }
            try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
                ImageClassifier.Output out = classifier.classify(manager.create(batch,
                        new Shape(count, imageShape[0], imageShape[1], imageShape[2])));
                copyRows(out.logits().toFloatArray(), count, logits, first);
                copyRows(out.features().toFloatArray(), count, features, first);
            }
        }
        return new Embeddings(labels.clone(), logits, features);
    }

    private static void copyRows(float[] flat, int rows, float[][] into, int offset) {
        int width = flat.length / rows;
        for (int r = 0; r < rows; r++) {
            float[] row = new float[width];
            System.arraycopy(flat, r * width, row, 0, width);
            into[offset + r] = row;
        }
    }
}
