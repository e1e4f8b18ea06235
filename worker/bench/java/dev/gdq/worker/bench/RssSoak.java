package dev.gdq.worker.bench;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.GeneratedImage;
import dev.gdq.worker.sampling.GuidedSampler;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.sampling.ImageOrder;
import dev.gdq.worker.sampling.SampleSpec;
import dev.gdq.worker.sampling.SamplingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Soak: many small batches through {@link ImageGenerator} (sampling and PNG encoding), with the resident set
 * size read from {@code /proc/self/status} every {@code every} batches. Each batch mixes four requests that share
 * the sampler but not the guidance, with a new seed per batch, so every path of the sampler runs: CFG with
 * rescale, a linear schedule (conditional rows only at its first step), CFG plus classifier guidance (autograd
 * through the noisy classifier) with dynamic thresholding, and interval guidance. Acceptance: RSS grows by less
 * than 5% between batch 100 and batch 1,000.
 *
 * <p>After the soak, one long batch ({@code probeBatch} images, DDIM {@code probeSteps}, CFG) reports RSS after
 * chosen steps: whether native memory stays flat within a batch as well as across batches.
 *
 * <p>Arguments: {@code batches=1000}, {@code steps=3}, {@code every=100}, {@code probeBatch=80},
 * {@code probeSteps=100} (0 skips the probe).
 */
public final class RssSoak {

    private static final double MIB = 1024.0;

    private RssSoak() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args, Set.of("batches", "steps", "every", "probeBatch", "probeSteps"));
        BenchSupport.printMachine("RssSoak", args);
        int batches = options.intValue("batches", 1000);
        int steps = options.intValue("steps", 3);
        int every = options.intValue("every", 100);
        ImageGenerator generator = new ImageGenerator(BenchSupport.model());
        SamplerSpec sampler = SamplerSpec.of("ddim", steps);

        System.out.println("| batch | RSS MiB | vs batch " + every + " | heap used MiB | heap committed MiB | "
                + "elapsed s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        long start = System.nanoTime();
        long rssAtFirstCheckpoint = -1;
        long rssAtLastCheckpoint = -1;
        long images = 0;
        for (int b = 1; b <= batches; b++) {
            List<GeneratedImage> out = generator.generate(mixedBatch(b, sampler), SamplingListener.NONE);
            images += out.size();
            if (b == 1 || b % every == 0) {
                long rss = BenchSupport.residentKib();
                if (b == every) {
                    rssAtFirstCheckpoint = rss;
                }
                rssAtLastCheckpoint = rss;
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                String growth = rssAtFirstCheckpoint < 0 ? "" : String.format("%+.2f%%",
                        100.0 * (rss - rssAtFirstCheckpoint) / rssAtFirstCheckpoint);
                System.out.printf("| %d | %.1f | %s | %.1f | %.1f | %.1f |%n", b, rss / MIB, growth,
                        heap.getUsed() / MIB / MIB, heap.getCommitted() / MIB / MIB, (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf("%d batches of %d images (DDIM %d), %.1f s; RSS batch %d -> %d: %.1f -> %.1f MiB (%+.2f%%)"
                        + "; load average %s%n", batches, images / batches, steps, (System.nanoTime() - start) / 1e9,
                every, batches, rssAtFirstCheckpoint / MIB, rssAtLastCheckpoint / MIB,
                100.0 * (rssAtLastCheckpoint - rssAtFirstCheckpoint) / rssAtFirstCheckpoint, BenchSupport.loadAverage());

        int probeSteps = options.intValue("probeSteps", 100);
        if (probeSteps > 0) {
            probeWithinBatch(options.intValue("probeBatch", 80), probeSteps);
        }
    }

    /** 16 images from four requests of one sampler: 6 + 4 + 4 + 2. */
    private static List<ImageOrder> mixedBatch(long seed, SamplerSpec sampler) {
        List<ImageOrder> orders = new ArrayList<>();
        add(orders, 6, seed, sampler, new GuidanceSpec(new GuidanceSpec.Cfg(new ScheduleSpec.Constant(3)), null,
                0.7, null));
        add(orders, 4, seed + 1, sampler, GuidanceSpec.cfg(new ScheduleSpec.Linear(1, 5)));
        add(orders, 4, seed + 2, sampler, new GuidanceSpec(new GuidanceSpec.Cfg(new ScheduleSpec.Constant(2)),
                new GuidanceSpec.Classifier(new ScheduleSpec.Constant(1)), null,
                new GuidanceSpec.Thresholding(0.995)));
        add(orders, 2, seed + 3, sampler, GuidanceSpec.cfg(new ScheduleSpec.Interval(3, 0.5, 4)));
        return orders;
    }

    private static void add(List<ImageOrder> orders, int images, long seed, SamplerSpec sampler,
                            GuidanceSpec guidance) {
        GenerationRequest request = BenchSupport.request(images, seed, sampler, guidance);
        SamplingPlan plan = BenchSupport.plan(request);
        for (int i = 0; i < images; i++) {
            orders.add(new ImageOrder("soak-" + seed, request, plan, i));
        }
    }

    /**
     * RSS after chosen steps of one long batch, and the peak RSS (VmHWM, reset through
     * {@code /proc/self/clear_refs}) of the guided sampler and of {@link RawDdimCfgLoop} on the same batch, above
     * the RSS before each.
     */
    private static void probeWithinBatch(int batch, int steps) {
        GenerationRequest request = BenchSupport.request(batch, 11, SamplerSpec.of("ddim", steps),
                GuidanceSpec.cfg(new ScheduleSpec.Constant(3)));
        SamplingPlan plan = BenchSupport.plan(request);
        List<SampleSpec> specs = BenchSupport.specs(request, plan);
        ServedModel model = BenchSupport.model();
        GuidedSampler sampler = new GuidedSampler(model.noiseModel(), model.noisyClassifier(), model.imageShape(),
                model.manifest().nullLabel(), model.device());
        RawDdimCfgLoop raw = new RawDdimCfgLoop(model.noiseModel(), model.imageShape(), model.manifest().nullLabel(),
                model.device());
        float[] noise = BenchSupport.initialNoise(specs, BenchSupport.imageSize(model));
        long[] classes = BenchSupport.classIndices(specs);
        Runnable rawRun = () -> raw.sample(plan.sampler(), noise, classes, 3);
        rawRun.run();
        StringBuilder line = new StringBuilder(String.format("within one batch (%d images, DDIM %d, CFG 3), guided "
                + "sampler: RSS MiB before %.1f", batch, steps, BenchSupport.residentKib() / MIB));
        sampler.sample(plan.sampler(), specs, new SamplingListener() {
            @Override
            public void onStep(int stepsDone, int total) {
                if (stepsDone == 1 || stepsDone % Math.max(1, total / 5) == 0) {
                    line.append(String.format(", step %d %.1f", stepsDone, BenchSupport.residentKib() / MIB));
                }
            }
        });
        line.append(String.format(", after %.1f", BenchSupport.residentKib() / MIB));
        System.out.println(line);
        System.out.printf("peak RSS above the RSS before the batch: guided sampler %+.1f MiB, raw loop %+.1f MiB%n",
                peakAbove(() -> sampler.sample(plan.sampler(), specs, SamplingListener.NONE)) / MIB,
                peakAbove(rawRun) / MIB);
    }

    /** VmHWM after {@code work} minus VmRSS before it, in KiB, with the high-water mark reset first. */
    private static long peakAbove(Runnable work) {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the peak RSS through /proc/self/clear_refs", e);
        }
        long before = BenchSupport.residentKib();
        work.run();
        return BenchSupport.statusKib("VmHWM:") - before;
    }
}
