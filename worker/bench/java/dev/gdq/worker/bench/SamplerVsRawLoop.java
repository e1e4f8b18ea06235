package dev.gdq.worker.bench;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.GuidedSampler;
import dev.gdq.worker.sampling.SampleSpec;
import dev.gdq.worker.sampling.SamplingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Images per second of the guided sampler against {@link RawDdimCfgLoop} on the same batch: DDIM with a
 * constant CFG scale, so both run the same forward passes (B rows per step at s = 1, 2B otherwise). The two
 * variants alternate within each round (the order flips every round); the ratio is sampler / raw images per
 * second, per round and as the median. Goal: at least 0.95.
 *
 * <p>Arguments: {@code configs=16:3,80:3,80:1} (batch:scale), {@code steps=50}, {@code rounds=9},
 * {@code warmup=2}.
 */
public final class SamplerVsRawLoop {

    private SamplerVsRawLoop() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args, Set.of("configs", "steps", "rounds", "warmup"));
        BenchSupport.printMachine("SamplerVsRawLoop", args);
        int steps = options.intValue("steps", 50);
        int rounds = options.intValue("rounds", 9);
        int warmup = options.intValue("warmup", 2);
        ServedModel model = BenchSupport.model();
        GuidedSampler sampler = new GuidedSampler(model.noiseModel(), model.noisyClassifier(), model.imageShape(),
                model.manifest().nullLabel(), model.device());
        RawDdimCfgLoop raw = new RawDdimCfgLoop(model.noiseModel(), model.imageShape(), model.manifest().nullLabel(),
                model.device());
        List<String> summary = new ArrayList<>();
        summary.add("| batch | CFG scale | rows/step | sampler img/s | raw loop img/s | ratio (median of rounds) |");
        summary.add("|---:|---:|---:|---:|---:|---:|");
        for (String config : options.list("configs", "16:3,80:3,80:1")) {
            String[] parts = config.split(":");
            int batch = Integer.parseInt(parts[0]);
            double scale = Double.parseDouble(parts[1]);
            GenerationRequest request = BenchSupport.request(batch, 7, SamplerSpec.of("ddim", steps),
                    GuidanceSpec.cfg(new ScheduleSpec.Constant(scale)));
            SamplingPlan plan = BenchSupport.plan(request);
            List<SampleSpec> specs = BenchSupport.specs(request, plan);
            float[] noise = BenchSupport.initialNoise(specs, BenchSupport.imageSize(model));
            long[] classes = BenchSupport.classIndices(specs);
            int rowsPerStep = scale == 1.0 ? batch : 2 * batch;

            float[][] last = new float[2][];
            Runnable samplerRun = () -> last[0] = flatten(sampler.sample(plan.sampler(), specs, SamplingListener.NONE));
            Runnable rawRun = () -> last[1] = raw.sample(plan.sampler(), noise, classes, scale);
            for (int w = 0; w < warmup; w++) {
                samplerRun.run();
                rawRun.run();
            }
            System.out.printf("%nbatch %d, scale %s, DDIM %d: %d rows per step; max |sampler - raw| = %.2e%n",
                    batch, scale, steps, rowsPerStep,
                    BenchSupport.maxAbsDifference(last[0], last[1]));
            List<Double> samplerSeconds = new ArrayList<>();
            List<Double> rawSeconds = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double s;
                double w;
                if (r % 2 == 0) {
                    s = BenchSupport.seconds(samplerRun);
                    w = BenchSupport.seconds(rawRun);
                } else {
                    w = BenchSupport.seconds(rawRun);
                    s = BenchSupport.seconds(samplerRun);
                }
                samplerSeconds.add(s);
                rawSeconds.add(w);
                ratios.add(w / s);
                System.out.printf("round %d: sampler %.3f s, raw %.3f s, ratio %.3f%n", r + 1, s, w, w / s);
            }
            double samplerRate = batch / BenchSupport.median(samplerSeconds);
            double rawRate = batch / BenchSupport.median(rawSeconds);
            System.out.printf("median: sampler %.1f img/s, raw %.1f img/s, ratio %.3f (of medians %.3f)%n",
                    samplerRate, rawRate, BenchSupport.median(ratios), samplerRate / rawRate);
            summary.add(String.format("| %d | %s | %d | %.1f | %.1f | %.3f |", batch, scale, rowsPerStep, samplerRate,
                    rawRate, BenchSupport.median(ratios)));
        }
        System.out.println();
        System.out.println("load average: " + BenchSupport.loadAverage());
        summary.forEach(System.out::println);
    }

    private static float[] flatten(List<float[]> images) {
        int size = images.get(0).length;
        float[] all = new float[images.size() * size];
        for (int b = 0; b < images.size(); b++) {
            System.arraycopy(images.get(b), 0, all, b * size, size);
        }
        return all;
    }
}
