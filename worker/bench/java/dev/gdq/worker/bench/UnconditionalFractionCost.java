package dev.gdq.worker.bench;

import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.worker.model.NoisePredictor;
import dev.gdq.worker.model.RowChunkedNoisePredictor;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.GuidedSampler;
import dev.gdq.worker.sampling.ImageGenerator;
import dev.gdq.worker.sampling.SampleSpec;
import dev.gdq.worker.sampling.SamplingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cost of the guided sampler against the fraction f of steps that carry unconditional rows. At a step with
 * s = 1 the sampler sends B rows, elsewhere 2B, so the cost should be linear in f, from the B-row run (f = 0)
 * to the 2B-row run (f = 1). Variants: explicit schedules with scale s at round(f N) evenly spread steps and 1
 * elsewhere, plus interval schedules (Kynkaanniemi et al. 2024) whose f follows from their sigma window. All
 * variants run once per round, in an order rotated every round; the report is the median seconds per image,
 * its ratio to f = 0, and the line through the f = 0 and f = 1 medians.
 *
 * <p>Arguments: {@code batch=80}, {@code steps=50}, {@code scale=3}, {@code fractions=0,0.2,0.4,0.6,0.8,1},
 * {@code intervals=0.28:5.42,1:60} (sigmaLow:sigmaHigh), {@code rounds=5}, {@code csv=} (path of a CSV to write),
 * {@code chunk=64} (rows per forward pass, as the worker serves on a CPU; 0 = the whole step in one pass).
 */
public final class UnconditionalFractionCost {

    private UnconditionalFractionCost() {
    }

    private record Variant(String name, double fraction, SamplingPlan plan, List<SampleSpec> specs) {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args,
                Set.of("batch", "steps", "scale", "fractions", "intervals", "rounds", "csv", "chunk"));
        BenchSupport.printMachine("UnconditionalFractionCost", args);
        int batch = options.intValue("batch", 80);
        int steps = options.intValue("steps", 50);
        double scale = options.doubleValue("scale", 3);
        int rounds = options.intValue("rounds", 5);
        ServedModel model = BenchSupport.model();
        int chunk = options.intValue("chunk", ImageGenerator.CPU_MAX_ROWS_PER_FORWARD);
        NoisePredictor noise = chunk > 0 ? new RowChunkedNoisePredictor(model.noiseModel(), chunk) : model.noiseModel();
        GuidedSampler sampler = new GuidedSampler(noise, model.noisyClassifier(), model.imageShape(),
                model.manifest().nullLabel(), model.device());

        List<Variant> variants = new ArrayList<>();
        for (String f : options.list("fractions", "0,0.2,0.4,0.6,0.8,1")) {
            int guidedSteps = (int) Math.round(Double.parseDouble(f) * steps);
            variants.add(variant("explicit f=" + f, batch, steps, new ScheduleSpec.Explicit(evenlySpread(guidedSteps, steps, scale))));
        }
        for (String interval : options.list("intervals", "0.28:5.42,1:60")) {
            String[] bounds = interval.split(":");
            variants.add(variant("interval sigma " + bounds[0] + "-" + bounds[1], batch, steps,
                    new ScheduleSpec.Interval(scale, Double.parseDouble(bounds[0]), Double.parseDouble(bounds[1]))));
        }
        Variant none = variants.stream().filter(v -> v.fraction() == 0).findFirst().orElseThrow(
                () -> new IllegalArgumentException("fractions must include 0"));
        Variant all = variants.stream().filter(v -> v.fraction() == 1).findFirst().orElseThrow(
                () -> new IllegalArgumentException("fractions must include 1"));

        sampler.sample(all.plan().sampler(), all.specs(), SamplingListener.NONE);
        sampler.sample(none.plan().sampler(), none.specs(), SamplingListener.NONE);
        List<List<Double>> seconds = new ArrayList<>();
        variants.forEach(v -> seconds.add(new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
            for (int k : BenchSupport.interleavedOrder(variants.size(), r)) {
                Variant v = variants.get(k);
                double s = BenchSupport.seconds(() -> sampler.sample(v.plan().sampler(), v.specs(), SamplingListener.NONE));
                seconds.get(k).add(s);
                line.append(String.format(" [%s] %.2f s", v.name(), s));
            }
            System.out.println(line);
        }

        double perImageNone = BenchSupport.median(seconds.get(variants.indexOf(none))) / batch;
        double perImageAll = BenchSupport.median(seconds.get(variants.indexOf(all))) / batch;
        List<String> csv = new ArrayList<>();
        csv.add("variant,fraction,rows_per_image,median_seconds_per_image,ratio_to_f0,linear_prediction,runs_seconds");
        System.out.println();
        System.out.printf("batch %d, DDIM %d, scale %s at guided steps, %d rounds, %s; load average %s%n", batch,
                steps, scale, rounds, chunk > 0 ? "at most " + chunk + " rows per forward pass" : "whole steps",
                BenchSupport.loadAverage());
        System.out.println("| schedule | f (steps with uncond. rows) | rows/image | s/image (median) | vs f = 0 "
                + "| linear f=0..1 | measured / linear |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int k = 0; k < variants.size(); k++) {
            Variant v = variants.get(k);
            double perImage = BenchSupport.median(seconds.get(k)) / batch;
            double linear = perImageNone + v.fraction() * (perImageAll - perImageNone);
            int rowsPerImage = v.plan().guidance().modelRowsPerImage();
            System.out.printf("| %s | %.2f | %d | %.4f | %.3f | %.4f | %.3f |%n", v.name(), v.fraction(), rowsPerImage,
                    perImage, perImage / perImageNone, linear, perImage / linear);
            csv.add(String.format("%s,%.4f,%d,%.6f,%.4f,%.6f,%s", v.name(), v.fraction(), rowsPerImage, perImage,
                    perImage / perImageNone, linear,
                    String.join(" ", seconds.get(k).stream().map(s -> String.format("%.3f", s)).toList())));
        }
        System.out.printf("cost(f = 1) / cost(f = 0) = %.3f (rows ratio 2)%n", perImageAll / perImageNone);
        String csvPath = options.string("csv", "");
        if (!csvPath.isEmpty()) {
            try {
                Path path = Path.of(csvPath);
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.write(path, csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("wrote " + csvPath);
        }
    }

    private static Variant variant(String name, int batch, int steps, ScheduleSpec schedule) {
        GenerationRequest request = BenchSupport.request(batch, 7, SamplerSpec.of("ddim", steps),
                GuidanceSpec.cfg(schedule));
        SamplingPlan plan = BenchSupport.plan(request);
        double fraction = (double) plan.guidance().unconditionalRowsPerImage() / steps;
        return new Variant(name, fraction, plan, BenchSupport.specs(request, plan));
    }

    /** Scale {@code scale} at {@code guided} of {@code steps} steps spread evenly over the run, 1 elsewhere. */
    static List<Double> evenlySpread(int guided, int steps, double scale) {
        List<Double> scales = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            boolean on = Math.floorDiv((long) (i + 1) * guided, steps) > Math.floorDiv((long) i * guided, steps);
            scales.add(on ? scale : 1.0);
        }
        return scales;
    }
}
