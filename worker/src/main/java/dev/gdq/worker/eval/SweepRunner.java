package dev.gdq.worker.eval;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.worker.image.PngEncoder;
import dev.gdq.worker.sampling.GeneratedImage;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.sampling.ImageOrder;
import dev.gdq.worker.sampling.SamplingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Samples every setting of a sweep, measures it against the real reference and hands it to the output. */
public final class SweepRunner {

    /** Where a run reports; every method may be a no-op. */
    public interface Progress {

        default void settingStarted(Sweep.Setting setting, int index, int count) {
        }

        default void imagesSampled(int done, int total) {
        }

        default void settingFinished(SettingResult result, boolean reused) {
        }
    }

    /** The images of one setting, as a user receives them (8-bit). */
    public record SampledImages(List<float[]> pixels, int[] labels, double seconds) {
    }

    private final ImageGenerator generator;
    private final Embedder embedder;
    private final SamplingPlanner planner;
    private final int batchSize;

    public SweepRunner(ImageGenerator generator, Embedder embedder, SamplingPlanner planner, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.generator = generator;
        this.embedder = embedder;
        this.planner = planner;
        this.batchSize = batchSize;
    }

    public SweepResult run(Sweep sweep, RealReference reference, SweepOutput output, Progress progress)
            throws IOException {
        List<SettingResult> results = new ArrayList<>();
        for (int i = 0; i < sweep.settings().size(); i++) {
            Sweep.Setting setting = sweep.settings().get(i);
            progress.settingStarted(setting, i, sweep.settings().size());
            SettingResult stored = output.storedResult(i, setting).orElse(null);
            if (stored != null) {
                results.add(stored);
                progress.settingFinished(stored, true);
                continue;
            }
            SampledImages images = sample(sweep, setting, progress);
            QualityMetrics metrics = reference.measure(embedder.embed(images.pixels(), images.labels()));
            SettingResult result = new SettingResult(setting, metrics, images.labels().length, images.seconds());
            output.storeSetting(i, result, images);
            results.add(result);
            progress.settingFinished(result, false);
        }
        return new SweepResult(sweep, reference.realImages(), results);
    }

    SampledImages sample(Sweep sweep, Sweep.Setting setting, Progress progress) {
        ModelManifest manifest = generator.model().manifest();
        GenerationRequest request = sweep.request(manifest, setting);
        SamplingPlan plan = planner.plan(request, manifest).orElseThrow();
        int count = plan.imageCount();
        List<float[]> pixels = new ArrayList<>(count);
        int[] labels = new int[count];
        long started = System.nanoTime();
        for (int first = 0; first < count; first += batchSize) {
            List<ImageOrder> batch = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + batchSize); i++) {
                batch.add(new ImageOrder(null, request, plan, i));
                labels[i] = plan.classIndexOfImage(i);
            }
            for (GeneratedImage image : generator.generate(batch, SamplingListener.NONE)) {
                pixels.add(quantised(image.pixels()));
            }
            progress.imagesSampled(pixels.size(), count);
        }
        return new SampledImages(pixels, labels, (System.nanoTime() - started) / 1e9);
    }

    /** The values the PNG holds, back in [-1, 1]: what the user gets is what is measured. */
    private static float[] quantised(float[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = PngEncoder.toByte(pixels[i]) / 127.5f - 1f;
        }
        return out;
    }
}
