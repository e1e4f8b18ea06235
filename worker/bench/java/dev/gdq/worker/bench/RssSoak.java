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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Soak: many small batches through {@link ImageGenerator} (sampling and PNG encoding), with the resident set
 * size read from {@code /proc/self/status} every {@code every} batches. Each batch mixes four requests that share
 * the sampler but not the guidance, with a new seed per batch, so every path of the sampler runs: CFG with
 * rescale, a linear schedule (conditional rows only at its first step), CFG plus classifier guidance (autograd
 * through the noisy classifier) with dynamic thresholding, and interval guidance. Acceptance: RSS grows by less
 * than 5% between batch 100 and batch 1,000.
 *
 * <p>With {@code -XX:NativeMemoryTracking=summary} it also reports the JVM's own committed memory (heap, code,
 * metaspace, threads, GC) and RSS minus that, which is mostly the engine's native memory, and at the end the
 * JVM's growth by category since batch {@code every}. glibc's malloc statistics ({@link MallocStats}) separate
 * memory still allocated (a leak would grow it) from free memory malloc keeps.
 *
 * <p>After the soak, one long batch ({@code probeBatch} images, DDIM {@code probeSteps}, CFG) through the guided
 * sampler and through {@link RawDdimCfgLoop} reports malloc's bytes in use after chosen steps: whether native
 * memory stays flat within a batch as well as across batches.
 *
 * <p>Arguments: {@code batches=1000}, {@code steps=3}, {@code every=100}, {@code trimEvery=0} (call glibc's
 * {@code malloc_trim(0)} after every that many batches; 0 never), {@code probeBatch=80},
 * {@code probeSteps=100} (0 skips the probe).
 */
public final class RssSoak {

    private static final double MIB = 1024.0;

    private RssSoak() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args, Set.of("batches", "steps", "every", "trimEvery", "probeBatch",
                "probeSteps"));
        BenchSupport.printMachine("RssSoak", args);
        int batches = options.intValue("batches", 1000);
        int steps = options.intValue("steps", 3);
        int every = options.intValue("every", 100);
        int trimEvery = options.intValue("trimEvery", 0);
        ImageGenerator generator = new ImageGenerator(BenchSupport.model());
        SamplerSpec sampler = SamplerSpec.of("ddim", steps);

        boolean tracked = NativeMemoryTracking.enabled();
        System.out.println("| batch | RSS MiB | vs batch " + every + " | heap used MiB | heap committed MiB | "
                + (tracked ? "JVM committed MiB (NMT) | RSS - JVM committed MiB | " : "")
                + "malloc in use MiB | malloc free MiB | elapsed s |");
        System.out.println("|---:|---:|---:|---:|---:|" + (tracked ? "---:|---:|" : "") + "---:|---:|---:|");
        long start = System.nanoTime();
        TreeMap<Integer, Long> rssAt = new TreeMap<>();
        long images = 0;
        for (int b = 1; b <= batches; b++) {
            List<GeneratedImage> out = generator.generate(mixedBatch(b, sampler), SamplingListener.NONE);
            images += out.size();
            if (trimEvery > 0 && b % trimEvery == 0) {
                MallocStats.trim();
            }
            if (b == 1 || b % every == 0) {
                long rss = BenchSupport.residentKib();
                rssAt.put(b, rss);
                if (b == every && tracked) {
                    NativeMemoryTracking.baseline();
                }
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                String growth = rssAt.containsKey(every) ? String.format("%+.2f%%", growth(rssAt, every, b)) : "";
                String jvm = "";
                if (tracked) {
                    long committed = NativeMemoryTracking.committedKib();
                    jvm = String.format("%.1f | %.1f | ", committed / MIB, (rss - committed) / MIB);
                }
                System.out.printf("| %d | %.1f | %s | %.1f | %.1f | %s%.1f | %.1f | %.1f |%n", b, rss / MIB, growth,
                        heap.getUsed() / MIB / MIB, heap.getCommitted() / MIB / MIB, jvm,
                        MallocStats.inUseBytes() / MIB / MIB, MallocStats.freeBytes() / MIB / MIB,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf("%d batches of %d images (DDIM %d) in %.1f s; load average %s%n", batches, images / batches,
                steps, (System.nanoTime() - start) / 1e9, BenchSupport.loadAverage());
        int last = rssAt.lastKey();
        for (int to : new int[] {10 * every, last}) {
            if (rssAt.containsKey(every) && rssAt.containsKey(to) && to > every) {
                System.out.printf("RSS batch %d -> %d: %.1f -> %.1f MiB (%+.2f%%)%n", every, to, rssAt.get(every) / MIB,
                        rssAt.get(to) / MIB, growth(rssAt, every, to));
            }
        }
        if (tracked) {
            System.out.println("JVM native memory, batch " + every + " -> " + batches + " (NMT summary.diff):");
            System.out.println(NativeMemoryTracking.summaryDiff());
        }

        int probeSteps = options.intValue("probeSteps", 100);
        if (probeSteps > 0) {
            probeWithinBatch(options.intValue("probeBatch", 80), probeSteps);
        }
    }

    private static double growth(Map<Integer, Long> rssAt, int from, int to) {
        return 100.0 * (rssAt.get(to) - rssAt.get(from)) / rssAt.get(from);
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
     * glibc's bytes in use after chosen steps of one long batch, for the guided sampler and for
     * {@link RawDdimCfgLoop} on the same batch: arrays a step leaves behind until the end of the batch show as
     * bytes in use growing with the step count.
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
        int every = Math.max(1, steps / 5);

        StringBuilder samplerLine = new StringBuilder("guided sampler: malloc in use MiB before "
                + String.format("%.1f", MallocStats.inUseBytes() / MIB / MIB));
        long[] samplerFirstLast = new long[2];
        sampler.sample(plan.sampler(), specs, new SamplingListener() {
            @Override
            public void onStep(int stepsDone, int total) {
                record(samplerLine, samplerFirstLast, stepsDone, total, every);
            }
        });
        samplerLine.append(String.format(", after the batch %.1f", MallocStats.inUseBytes() / MIB / MIB));

        StringBuilder rawLine = new StringBuilder("raw loop: malloc in use MiB before "
                + String.format("%.1f", MallocStats.inUseBytes() / MIB / MIB));
        long[] rawFirstLast = new long[2];
        raw.sample(plan.sampler(), noise, classes, 3, stepsDone -> record(rawLine, rawFirstLast, stepsDone, steps, every));
        rawLine.append(String.format(", after the batch %.1f", MallocStats.inUseBytes() / MIB / MIB));

        System.out.printf("within one batch (%d images, DDIM %d, CFG 3, %d rows per step):%n", batch, steps, 2 * batch);
        System.out.printf("%s; growth per step %.2f MiB%n", samplerLine, perStep(samplerFirstLast, steps));
        System.out.printf("%s; growth per step %.2f MiB%n", rawLine, perStep(rawFirstLast, steps));
    }

    private static void record(StringBuilder line, long[] firstLast, int stepsDone, int total, int every) {
        long inUse = MallocStats.inUseBytes();
        if (stepsDone == 1) {
            firstLast[0] = inUse;
        }
        if (stepsDone == total) {
            firstLast[1] = inUse;
        }
        if (stepsDone == 1 || stepsDone % every == 0) {
            line.append(String.format(", step %d %.1f", stepsDone, inUse / MIB / MIB));
        }
    }

    private static double perStep(long[] firstLast, int steps) {
        return (firstLast[1] - firstLast[0]) / MIB / MIB / Math.max(1, steps - 1);
    }
}
