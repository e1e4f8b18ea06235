package dev.gdq.worker.sampling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.WireCodec;
import dev.gdq.scheduler.plan.BatchKey;
import dev.gdq.worker.image.PngEncoder;
import dev.gdq.worker.model.NoisePredictor;
import dev.gdq.worker.model.RowChunkedNoisePredictor;
import dev.gdq.worker.model.ServedModel;
import java.util.ArrayList;
import java.util.List;

/** Samples a batch of image orders on one served model and encodes each result as a PNG. */
public final class ImageGenerator {

    /**
     * Rows per noise-model forward pass on a CPU: below this the cost per row is flat, above it grows (measured in
     * BENCHMARKS.md, "forward cost per row"). On a GPU the whole step goes in one pass.
     */
    public static final int CPU_MAX_ROWS_PER_FORWARD = 64;

    private final ServedModel model;
    private final GuidedSampler sampler;

    public ImageGenerator(ServedModel model) {
        this.model = model;
        NoisePredictor noise = model.device().isGpu() ? model.noiseModel()
                : new RowChunkedNoisePredictor(model.noiseModel(), CPU_MAX_ROWS_PER_FORWARD);
        this.sampler = new GuidedSampler(noise, model.noisyClassifier(), model.imageShape(),
                model.manifest().nullLabel(), model.device());
    }

    public ServedModel model() {
        return model;
    }

    /** All orders must share one batch key (model, image size, sampler plan). */
    public List<GeneratedImage> generate(List<ImageOrder> batch, SamplingListener listener) {
        if (batch.isEmpty()) {
            return List.of();
        }
        BatchKey key = batch.get(0).plan().batchKey();
        for (ImageOrder order : batch) {
            if (!order.plan().batchKey().equals(key)) {
                throw new IllegalArgumentException("a batch shares one batch key; " + order.plan().batchKey()
                        + " differs from " + key);
            }
            if (!order.request().model().equals(model.name())) {
                throw new IllegalArgumentException("order for model " + order.request().model() + " sent to "
                        + model.name());
            }
        }
        List<float[]> pixels = sampler.sample(batch.get(0).plan().sampler(),
                batch.stream().map(ImageOrder::sampleSpec).toList(), listener);
        long[] shape = model.imageShape();
        List<GeneratedImage> images = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            ImageOrder order = batch.get(b);
            byte[] png = PngEncoder.encode(pixels.get(b), (int) shape[0], (int) shape[1], (int) shape[2],
                    parameters(order));
            images.add(new GeneratedImage(order, pixels.get(b), png));
        }
        return images;
    }

    /** What the PNG's tEXt chunk says: enough to make the same image again. */
    private String parameters(ImageOrder order) {
        GenerationRequest request = order.request();
        ObjectNode json = WireCodec.mapper().createObjectNode();
        if (order.jobId() != null) {
            json.put("jobId", order.jobId());
        }
        json.put("model", model.name());
        json.put("modelVersion", model.manifest().version());
        int classIndex = order.plan().classIndexOfImage(order.imageIndex());
        json.put("class", model.manifest().classNames().get(classIndex));
        json.put("classIndex", classIndex);
        json.put("seed", request.seed());
        json.put("imageIndex", order.imageIndex());
        json.set("sampler", WireCodec.mapper().valueToTree(request.sampler()));
        if (request.guidance() != null) {
            json.set("guidance", WireCodec.mapper().valueToTree(request.guidance()));
        }
        return json.toString();
    }
}
