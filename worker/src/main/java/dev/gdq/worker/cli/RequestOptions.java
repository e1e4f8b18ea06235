package dev.gdq.worker.cli;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.protocol.SchemaVersion;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that describe a generation request, shared by {@code sample} (local) and {@code submit} (api). */
final class RequestOptions {

    @Option(names = "--classes", required = true, split = ",", description = "class names or indices, comma-separated")
    List<String> classes;

    @Option(names = "--per-class", description = "images of each class (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int perClass;

    @Option(names = "--total", description = "images in all, classes round-robin (instead of --per-class)")
    Integer total;

    @Option(names = "--sampler", defaultValue = "ddim",
            description = "ddpm, ddim, euler, euler-ancestral, dpmpp-2m (default: ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--steps", defaultValue = "50", description = "sampling steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--eta", description = "DDIM eta in [0, 1]")
    Double eta;

    @Option(names = "--spacing", description = "timestep spacing: leading, trailing, linspace")
    String spacing;

    @Option(names = "--cfg", converter = ScheduleConverter.class,
            description = "classifier-free guidance schedule, s = 1 is conditional only: " + ScheduleConverter.SYNTAX)
    ScheduleSpec cfg;

    @Option(names = "--classifier", converter = ScheduleConverter.class,
            description = "classifier guidance schedule (same syntax)")
    ScheduleSpec classifier;

    @Option(names = "--rescale", description = "guidance rescale phi in [0, 1]")
    Double rescale;

    @Option(names = "--threshold", description = "dynamic thresholding percentile in (0, 1]")
    Double thresholdPercentile;

    @Option(names = "--seed", description = "job seed (default: 0 locally, picked by the api when submitted)")
    Long seed;

    GenerationRequest toRequest(String model, Long defaultSeed) {
        List<ClassRef> refs = classes.stream()
                .map(c -> c.matches("\\d+") ? ClassRef.indexed(Integer.parseInt(c)) : ClassRef.named(c)).toList();
        GuidanceSpec guidance = cfg == null && classifier == null && rescale == null && thresholdPercentile == null
                ? null
                : new GuidanceSpec(cfg == null ? null : new GuidanceSpec.Cfg(cfg),
                        classifier == null ? null : new GuidanceSpec.Classifier(classifier), rescale,
                        thresholdPercentile == null ? null : new GuidanceSpec.Thresholding(thresholdPercentile));
        return new GenerationRequest(SchemaVersion.V1, model, refs, total == null ? perClass : null, total,
                seed != null ? seed : defaultSeed, new SamplerSpec(sampler, steps, eta, spacing, null), guidance, null,
                null, null, null);
    }
}
