package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code model.json}: what a served model is, beside its TorchScript files. Users bring their own models
 * under this contract; the api reads it to validate requests, the worker to load and check the files.
 *
 * @param schemaVersion  {@link SchemaVersion#V1}
 * @param name           model name used in requests
 * @param version        model version
 * @param imageSize      height and width in pixels
 * @param channels       image channels (1 grey, 3 RGB)
 * @param classNames     class names, index = label
 * @param nullLabel      label meaning "no class" for classifier-free guidance (usually {@code classNames.size()})
 * @param noiseSchedule  the training noise schedule
 * @param predictionType what the noise model predicts; v1 serves {@code epsilon}
 * @param files          the TorchScript files
 * @param training       free-form: training data, recipe, time taken
 * @param metrics        free-form: measured metrics
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
        @JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "version", required = true) String version,
        @JsonProperty(value = "imageSize", required = true) int imageSize,
        @JsonProperty(value = "channels", required = true) int channels,
        @JsonProperty(value = "classNames", required = true) List<String> classNames,
        @JsonProperty(value = "nullLabel", required = true) int nullLabel,
        @JsonProperty(value = "noiseSchedule", required = true) NoiseScheduleSpec noiseSchedule,
        @JsonProperty(value = "predictionType", required = true) String predictionType,
        @JsonProperty(value = "files", required = true) Files files,
        JsonNode training,
        JsonNode metrics) {

    public ModelManifest {
        classNames = Copies.list(classNames);
    }

    /**
     * @param type      {@code linear} (betas from betaStart to betaEnd, DDPM) or {@code cosine} (Nichol &amp; Dhariwal)
     * @param timesteps training timesteps T
     * @param betaStart first beta of a linear schedule
     * @param betaEnd   last beta of a linear schedule
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoiseScheduleSpec(@JsonProperty(value = "type", required = true) String type,
                                    @JsonProperty(value = "timesteps", required = true) int timesteps,
                                    Double betaStart,
                                    Double betaEnd) {
    }

    /** The model's files; only the noise model is required. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Files(@JsonProperty(value = "noiseModel", required = true) ModelFile noiseModel,
                        ModelFile noisyClassifier,
                        ModelFile evalClassifier) {
    }

    /**
     * @param path       file name relative to the manifest's folder
     * @param sha256     lowercase hex SHA-256 of the file
     * @param parameters parameter count, informative
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelFile(@JsonProperty(value = "path", required = true) String path,
                            @JsonProperty(value = "sha256", required = true) String sha256,
                            Long parameters) {
    }

    public boolean hasNoisyClassifier() {
        return files.noisyClassifier() != null;
    }
}
