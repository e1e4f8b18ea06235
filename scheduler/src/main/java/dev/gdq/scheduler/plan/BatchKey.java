package dev.gdq.scheduler.plan;

import dev.gdq.scheduler.noise.TimestepSpacing;
import dev.gdq.scheduler.sampler.Sampler;

/**
 * What samples must share to be sampled in one batch: the same model and image size, and the same sampler plan
 * (sampler with its options, step count, spacing), so every step calls the model at one timestep and applies one
 * set of coefficients. Class, seed and guidance may differ per sample. Samplers are records, so eta (ddim) and
 * the variance (ddpm) are part of the key exactly where they matter.
 *
 * @param model     model name
 * @param imageSize image height and width in pixels, from the manifest
 * @param sampler   the sampler with its options
 * @param steps     number of steps
 * @param spacing   timestep spacing
 */
public record BatchKey(String model, int imageSize, Sampler sampler, int steps, TimestepSpacing spacing) {

    /** The sampler's wire name. */
    public String samplerName() {
        return sampler.name();
    }
}
