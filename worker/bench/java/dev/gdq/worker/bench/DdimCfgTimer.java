package dev.gdq.worker.bench;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.worker.model.RowChunkedNoisePredictor;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.GuidedSampler;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.sampling.SampleSpec;
import dev.gdq.worker.sampling.SamplingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Java side of the comparison with Python ({@code bench/python/ddim_cfg.py}): DDIM with constant CFG for
 * {@code images} images in batches of {@code batch} (2 x batch rows per step), timed after warm-up. Prints one
 * {@code RESULT} line per timed run, which {@code bench/python-vs-java.sh} collects while it alternates this
 * process with the Python one.
 *
 * <p>Arguments: {@code images=80}, {@code batch=80}, {@code steps=50}, {@code scale=3}, {@code warmup=2},
 * {@code runs=2}, {@code variant=sampler} (the guided sampler) or {@code raw} ({@link RawDdimCfgLoop}),
 * {@code dump=} (a folder: write the initial noise and the final images of the first batch as raw
 * little-endian float32, for the Python script's {@code --check}).
 */
public final class DdimCfgTimer {

    private DdimCfgTimer() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args, Set.of("images", "batch", "steps", "scale", "warmup", "runs",
                "variant", "dump"));
        int images = options.intValue("images", 80);
        int batch = options.intValue("batch", 80);
        int steps = options.intValue("steps", 50);
        double scale = options.doubleValue("scale", 3);
        String variant = options.string("variant", "sampler");
        ServedModel model = BenchSupport.model();
        // as the worker serves on a CPU: forward passes of at most ImageGenerator.CPU_MAX_ROWS_PER_FORWARD rows
        GuidedSampler sampler = new GuidedSampler(
                new RowChunkedNoisePredictor(model.noiseModel(), ImageGenerator.CPU_MAX_ROWS_PER_FORWARD),
                model.noisyClassifier(), model.imageShape(), model.manifest().nullLabel(), model.device());
        RawDdimCfgLoop raw = new RawDdimCfgLoop(model.noiseModel(), model.imageShape(), model.manifest().nullLabel(),
                model.device());
        GenerationRequest request = BenchSupport.request(images, 7, SamplerSpec.of("ddim", steps),
                GuidanceSpec.cfg(new ScheduleSpec.Constant(scale)));
        SamplingPlan plan = BenchSupport.plan(request);
        List<SampleSpec> all = BenchSupport.specs(request, plan);
        List<List<SampleSpec>> batches = new ArrayList<>();
        for (int from = 0; from < images; from += batch) {
            batches.add(all.subList(from, Math.min(images, from + batch)));
        }
        int imageSize = BenchSupport.imageSize(model);
        List<float[]> noises = batches.stream().map(b -> BenchSupport.initialNoise(b, imageSize)).toList();
        List<float[]> firstBatch = new ArrayList<>();
        Runnable run = switch (variant) {
            case "sampler" -> () -> {
                firstBatch.clear();
                for (List<SampleSpec> b : batches) {
                    List<float[]> out = sampler.sample(plan.sampler(), b, SamplingListener.NONE);
                    if (firstBatch.isEmpty()) {
                        firstBatch.addAll(out);
                    }
                }
            };
            case "raw" -> () -> {
                firstBatch.clear();
                for (int k = 0; k < batches.size(); k++) {
                    float[] out = raw.sample(plan.sampler(), noises.get(k), BenchSupport.classIndices(batches.get(k)), scale);
                    if (firstBatch.isEmpty()) {
                        firstBatch.add(out);
                    }
                }
            };
            default -> throw new IllegalArgumentException("variant is sampler or raw, got " + variant);
        };
        for (int w = 0; w < options.intValue("warmup", 2); w++) {
            run.run();
        }
        String dump = options.string("dump", "");
        if (!dump.isEmpty()) {
            write(Path.of(dump, "init_noise.f32"), List.of(noises.get(0)));
            write(Path.of(dump, "java_images.f32"), firstBatch);
            write(Path.of(dump, "classes.i64"), BenchSupport.classIndices(batches.get(0)));
        }
        for (int r = 0; r < options.intValue("runs", 2); r++) {
            double seconds = BenchSupport.seconds(run);
            System.out.printf("RESULT java-%s run=%d images=%d batch=%d steps=%d seconds=%.4f images_per_s=%.2f%n",
                    variant, r + 1, images, batch, steps, seconds, images / seconds);
        }
    }

    private static void write(Path path, List<float[]> arrays) {
        int length = arrays.stream().mapToInt(a -> a.length).sum();
        ByteBuffer bytes = ByteBuffer.allocate(4 * length).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        for (float[] a : arrays) {
            bytes.position(offset);
            bytes.asFloatBuffer().put(a);
            offset += 4 * a.length;
        }
        writeBytes(path, bytes.array());
    }

    private static void write(Path path, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        writeBytes(path, bytes.array());
    }

    private static void writeBytes(Path path, byte[] bytes) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
