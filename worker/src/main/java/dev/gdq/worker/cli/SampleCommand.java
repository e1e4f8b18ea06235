package dev.gdq.worker.cli;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.scheduler.plan.PlanningResult;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.scheduler.plan.Violation;
import dev.gdq.worker.image.ContactSheet;
import dev.gdq.worker.image.PngEncoder;
import dev.gdq.worker.model.ModelRepository;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.GeneratedImage;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.sampling.ImageOrder;
import dev.gdq.worker.sampling.SamplingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code worker sample}: samples images locally, without Kafka, e.g.
 * {@code worker sample --model models/fashion-mnist --classes sneaker,bag --per-class 8 --sampler ddim --steps 50
 * --cfg linear:1:5 --seed 7 --out out/}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample images with guided diffusion on the local machine (no Kafka, no S3).")
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model folder (model.json and TorchScript files)")
    Path modelFolder;

    @Mixin
    RequestOptions requestOptions;

    @Option(names = "--batch-size", defaultValue = "32", description = "images per forward batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--out", defaultValue = "out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--gpu", negatable = true, defaultValue = "true", description = "use a GPU when there is one")
    boolean gpu;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--batch-size must be at least 1");
        }
        try (ServedModel model = new ModelRepository(gpu).load(modelFolder)) {
            GenerationRequest request = requestOptions.toRequest(model.name(), 0L);
            PlanningResult result = new SamplingPlanner().plan(request, model.manifest());
            if (!result.valid()) {
                System.err.println("invalid request:");
                for (Violation v : result.violations()) {
                    System.err.println("  " + v.message());
                }
                return 2;
            }
            SamplingPlan plan = result.orElseThrow();
            List<GeneratedImage> images = sampleAll(new ImageGenerator(model), request, plan);
            write(images, model);
            return 0;
        }
    }

    private List<GeneratedImage> sampleAll(ImageGenerator generator, GenerationRequest request, SamplingPlan plan) {
        int count = plan.imageCount();
        int steps = plan.sampler().stepCount();
        ProgressBar bar = new ProgressBar(System.err, (long) count * steps);
        List<GeneratedImage> images = new ArrayList<>(count);
        for (int first = 0; first < count; first += batchSize) {
            List<ImageOrder> batch = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + batchSize); i++) {
                batch.add(new ImageOrder(null, request, plan, i));
            }
            long stepsBefore = (long) first * steps;
            int size = batch.size();
            String detail = (first + size) + "/" + count + " images";
            images.addAll(generator.generate(batch, new SamplingListener() {
                @Override
                public void onStep(int stepsDone, int stepCount) {
                    bar.update(stepsBefore + (long) size * stepsDone, detail);
                }
            }));
        }
        return images;
    }

    private void write(List<GeneratedImage> images, ServedModel model) throws IOException {
        Files.createDirectories(out);
        Map<Integer, List<java.awt.image.BufferedImage>> byClass = new LinkedHashMap<>();
        long[] shape = model.imageShape();
        for (GeneratedImage image : images) {
            Files.write(out.resolve(image.order().imageIndex() + ".png"), image.png());
            int classIndex = image.order().plan().classIndexOfImage(image.order().imageIndex());
            byClass.computeIfAbsent(classIndex, k -> new ArrayList<>())
                    .add(PngEncoder.toImage(image.pixels(), (int) shape[0], (int) shape[1], (int) shape[2]));
        }
        List<ContactSheet.Row> rows = byClass.entrySet().stream()
                .map(e -> new ContactSheet.Row(model.manifest().classNames().get(e.getKey()), e.getValue())).toList();
        Path sheet = out.resolve("contact-sheet.png");
        ImageIO.write(ContactSheet.render(rows, 3), "png", sheet.toFile());
        System.err.println("wrote " + images.size() + " images and " + sheet);
    }
}
