package dev.gdq.worker.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.protocol.WireCodec;
import dev.gdq.scheduler.plan.PlanningResult;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.scheduler.plan.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A list of sampling settings measured side by side: every setting samples the same classes, images per class and
 * seed, so that only the setting differs. Read from JSON (see {@code eval/sweeps/}).
 *
 * @param name           file-name-safe identifier, names the output folder
 * @param title          what the sweep varies, for the report
 * @param axis           name of the numeric axis ({@code x} of every setting), or null for a categorical sweep
 * @param imagesPerClass images of each class per setting
 * @param seed           job seed shared by all settings
 * @param settings       the settings, in report order
 */
public record Sweep(
        @JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "title", required = true) String title,
        String axis,
        @JsonProperty(value = "imagesPerClass", required = true) int imagesPerClass,
        @JsonProperty(value = "seed", required = true) long seed,
        @JsonProperty(value = "settings", required = true) List<Setting> settings) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * One way of sampling.
     *
     * @param label    short text for tables and plots, unique in the sweep
     * @param x        position on the sweep's axis; required when the sweep has one
     * @param sampler  as in a generation request
     * @param guidance as in a generation request; null samples conditionally with s = 1
     */
    public record Setting(
            @JsonProperty(value = "label", required = true) String label,
            Double x,
            @JsonProperty(value = "sampler", required = true) SamplerSpec sampler,
            GuidanceSpec guidance) {
    }

    /** Reads a sweep file; unknown fields are errors (the wire codec tolerates them, a hand-written file should not). */
    public static Sweep read(Path file) throws IOException, InvalidSweepException {
        byte[] json = Files.readAllBytes(file);
        Sweep sweep;
        try {
            sweep = WireCodec.read(json, Sweep.class);
        } catch (MalformedMessageException e) {
            throw new InvalidSweepException(file + ": " + e.getMessage());
        }
        try {
            WireCodec.mapper().readerFor(Sweep.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSweepException(file + ": field '" + path(e) + "': unknown field");
        }
        return sweep;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Checks the sweep on the model; every problem is named by its field, e.g. {@code settings[2].sampler.steps}. */
    public void validate(ModelManifest model, SamplingPlanner planner) throws InvalidSweepException {
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name: must match " + NAME.pattern() + " (it names the output folder), got " + name);
        }
        if (title == null || title.isBlank()) {
            problems.add("title: must not be blank");
        }
        if (imagesPerClass < 2) {
            problems.add("imagesPerClass: must be at least 2 (k-NN precision and recall need "
                    + (QualityMetrics.NEIGHBOURS + 1) + " images per set), got " + imagesPerClass);
        }
        if (settings == null || settings.isEmpty()) {
            problems.add("settings: must hold at least one setting");
        } else {
            validateSettings(model, planner, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSweepException("sweep " + name + " is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    private void validateSettings(ModelManifest model, SamplingPlanner planner, List<String> problems) {
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < settings.size(); i++) {
            Setting setting = settings.get(i);
            String field = "settings[" + i + "]";
            if (setting.label() == null || setting.label().isBlank() || !labels.add(setting.label())) {
                problems.add(field + ".label: must be present and unique in the sweep, got " + setting.label());
            }
            if ((axis != null) != (setting.x() != null)) {
                problems.add(field + ".x: " + (axis != null ? "required, the sweep has the axis '" + axis + "'"
                        : "not allowed, the sweep has no axis"));
            }
            PlanningResult result = planner.plan(request(model, setting), model);
            for (Violation violation : result.violations()) {
                problems.add(field + "." + violation.message());
            }
        }
    }

    /** The generation request of one setting: all the model's classes, {@link #imagesPerClass} each. */
    public GenerationRequest request(ModelManifest model, Setting setting) {
        List<ClassRef> classes = IntStream.range(0, model.classNames().size()).mapToObj(ClassRef::indexed).toList();
        return new GenerationRequest(SchemaVersion.V1, model.name(), classes, imagesPerClass, null, seed,
                setting.sampler(), setting.guidance(), "eval", null, null, null);
    }
}
