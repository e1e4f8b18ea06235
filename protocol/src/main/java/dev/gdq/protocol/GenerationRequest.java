package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a user asks for: images of some classes of one model, sampled and guided as specified.
 *
 * <p>Image count: either {@code imagesPerClass} (image i has class {@code classes[i / imagesPerClass]}) or
 * {@code totalImages} (image i has class {@code classes[i % classes.size()]}); exactly one is given.
 * Image i of the request is sampled from noise derived only from (seed, i, step).
 *
 * @param schemaVersion  {@link SchemaVersion#V1}
 * @param model          model name as served (see the model manifest)
 * @param classes        class names or indices, at least one
 * @param imagesPerClass images of each listed class
 * @param totalImages    images in all, classes taken round-robin
 * @param seed           job seed; absent means the api picks one and reports it
 * @param sampler        sampler, step count and its options
 * @param guidance       guidance schedules; absent means plain conditional sampling
 * @param tenant         owning tenant; set by the api from the caller's key
 * @param idempotencyKey client key: the same key and body give the same job
 * @param priority       0 (lowest) to 9; default 5
 * @param labels         free-form string labels, echoed in events and manifests
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationRequest(
        @JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
        @JsonProperty(value = "model", required = true) String model,
        @JsonProperty(value = "classes", required = true) List<ClassRef> classes,
        Integer imagesPerClass,
        Integer totalImages,
        Long seed,
        @JsonProperty(value = "sampler", required = true) SamplerSpec sampler,
        GuidanceSpec guidance,
        String tenant,
        String idempotencyKey,
        Integer priority,
        Map<String, String> labels) {

    public GenerationRequest {
        classes = Copies.list(classes);
        labels = Copies.map(labels);
    }

    /** Number of images the request asks for, or 0 when neither count is set. */
    public int imageCount() {
        if (imagesPerClass != null && classes != null) {
            return imagesPerClass * classes.size();
        }
        return totalImages != null ? totalImages : 0;
    }

    /** The class of image {@code imageIndex} (0-based over the whole request). */
    public ClassRef classOfImage(int imageIndex) {
        if (imageIndex < 0 || imageIndex >= imageCount()) {
            throw new IndexOutOfBoundsException("image " + imageIndex + " of " + imageCount());
        }
        return imagesPerClass != null ? classes.get(imageIndex / imagesPerClass) : classes.get(imageIndex % classes.size());
    }

    public GenerationRequest withSeedAndTenant(long newSeed, String newTenant) {
        return new GenerationRequest(schemaVersion, model, classes, imagesPerClass, totalImages, newSeed, sampler,
                guidance, newTenant, idempotencyKey, priority, labels);
    }
}
