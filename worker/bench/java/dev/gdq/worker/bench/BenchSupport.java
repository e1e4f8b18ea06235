package dev.gdq.worker.bench;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.CounterNoise;
import dev.gdq.worker.sampling.SampleSpec;
import dev.gdq.worker.testing.ReferenceModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Requests, specs, medians and machine facts shared by the benchmarks. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The committed reference model, loaded once per JVM. */
    static ServedModel model() {
        return ReferenceModel.get();
    }

    /** {@code images} images of the reference model, classes round-robin over all ten. */
    static GenerationRequest request(int images, long seed, SamplerSpec sampler, GuidanceSpec guidance) {
        List<ClassRef> classes = model().manifest().classNames().stream().map(ClassRef::named).toList();
        return new GenerationRequest(SchemaVersion.V1, model().name(), classes, null, images, seed, sampler, guidance,
                "bench", null, null, null);
    }

    static SamplingPlan plan(GenerationRequest request) {
        return new SamplingPlanner().plan(request, model().manifest()).orElseThrow();
    }

    /** Every image of the request as a sample spec, in image order. */
    static List<SampleSpec> specs(GenerationRequest request, SamplingPlan plan) {
        return IntStream.range(0, plan.imageCount())
                .mapToObj(i -> new SampleSpec(request.seed(), i, plan.classIndexOfImage(i), plan.guidance()))
                .toList();
    }

    /** The initial noise the sampler draws for these specs (draw 0 of each image), batch-major. */
    static float[] initialNoise(List<SampleSpec> specs, int imageSize) {
        float[] noise = new float[specs.size() * imageSize];
        for (int b = 0; b < specs.size(); b++) {
            SampleSpec s = specs.get(b);
            CounterNoise.fill(s.seed(), s.imageIndex(), 0, noise, b * imageSize, imageSize);
        }
        return noise;
    }

    static long[] classIndices(List<SampleSpec> specs) {
        return specs.stream().mapToLong(SampleSpec::classIndex).toArray();
    }

    static int imageSize(ServedModel model) {
        long[] shape = model.imageShape();
        return (int) (shape[0] * shape[1] * shape[2]);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static float maxAbsDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Seconds of one call. */
    static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The process's resident set size in KiB, from {@code /proc/self/status} (VmRSS). */
    static long residentKib() {
        return statusKib("VmRSS:");
    }

    /** A KiB figure of {@code /proc/self/status}, by its field name ({@code VmRSS:}, {@code VmHWM:}). */
    static long statusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no " + field + " line in /proc/self/status");
    }

    /** Date, CPU, cores, JVM, engine threads and load, printed at the top of every benchmark's output. */
    static void printMachine(String benchmark, String[] args) {
        System.out.println("# " + benchmark + " " + String.join(" ", args));
        System.out.println("date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.println("cpu: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", args " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("load average: " + loadAverage());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Sample 0..n-1 rotated by {@code round} and reversed on odd rounds, so no variant always runs first. */
    static List<Integer> interleavedOrder(int n, int round) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            order.add((k + round) % n);
        }
        if (round % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    static String formatList(List<Double> values, String format) {
        return Arrays.toString(values.stream().map(v -> String.format(format, v)).toArray());
    }
}
