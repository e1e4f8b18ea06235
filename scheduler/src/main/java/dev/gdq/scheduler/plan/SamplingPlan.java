package dev.gdq.scheduler.plan;

import dev.gdq.scheduler.guidance.GuidancePlan;
import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.sampler.SamplerPlan;
import java.util.List;

/**
 * A valid request, planned: the sampler plan every image of the request shares, the guidance plan (the request
 * has one guidance spec, so every image has the same schedules), and the class of every image. Made only by
 * {@link SamplingPlanner}; immutable.
 */
public final class SamplingPlan {

    private final BatchKey batchKey;
    private final NoiseSchedule noiseSchedule;
    private final SamplerPlan sampler;
    private final GuidancePlan guidance;
    private final List<Integer> classIndices;
    private final int imageCount;
    private final int imagesPerClass;
    private final int nullLabel;

    SamplingPlan(BatchKey batchKey, NoiseSchedule noiseSchedule, SamplerPlan sampler, GuidancePlan guidance,
                 List<Integer> classIndices, int imageCount, int imagesPerClass, int nullLabel) {
        this.batchKey = batchKey;
        this.noiseSchedule = noiseSchedule;
        this.sampler = sampler;
        this.guidance = guidance;
        this.classIndices = List.copyOf(classIndices);
        this.imageCount = imageCount;
        this.imagesPerClass = imagesPerClass;
        this.nullLabel = nullLabel;
    }

    /** Key of the batches this request's images may join. */
    public BatchKey batchKey() {
        return batchKey;
    }

    /** The model's training noise schedule. */
    public NoiseSchedule noiseSchedule() {
        return noiseSchedule;
    }

    /** The per-step scalars and the worker loop contract ({@link SamplerPlan}). */
    public SamplerPlan sampler() {
        return sampler;
    }

    /** The guidance of every image of the request. */
    public GuidancePlan guidance() {
        return guidance;
    }

    /** Class labels of the request's {@code classes}, in order, resolved from names or indices. */
    public List<Integer> classIndices() {
        return classIndices;
    }

    /** Number of images the request asks for. */
    public int imageCount() {
        return imageCount;
    }

    /** The label of the unconditional rows (the manifest's {@code nullLabel}). */
    public int nullLabel() {
        return nullLabel;
    }

    /**
     * The class label of image {@code imageIndex}: {@code classes[i / imagesPerClass]} or, with
     * {@code totalImages}, {@code classes[i % classes.size()]} (the protocol's rule).
     */
    public int classIndexOfImage(int imageIndex) {
        if (imageIndex < 0 || imageIndex >= imageCount) {
            throw new IndexOutOfBoundsException("image " + imageIndex + " of " + imageCount);
        }
        int entry = imagesPerClass > 0 ? imageIndex / imagesPerClass : imageIndex % classIndices.size();
        return classIndices.get(entry);
    }

    /** What image {@code imageIndex} needs beyond the sampler plan. */
    public ImagePlan image(int imageIndex) {
        return new ImagePlan(imageIndex, classIndexOfImage(imageIndex), guidance);
    }
}
