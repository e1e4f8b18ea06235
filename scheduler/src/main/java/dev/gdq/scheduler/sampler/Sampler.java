package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.List;

/**
 * A sampler: turns a noise schedule and a timestep spacing into a {@link SamplerPlan}, the scalar coefficients of
 * every step (the shape of Apple ml-stable-diffusion's {@code Scheduler} protocol and diffusers' schedulers, with
 * the tensor work left to the worker). Implementations are records, so two samplers with equal options are equal;
 * the batch key relies on it.
 */
public sealed interface Sampler
        permits DdpmSampler, DdimSampler, EulerSampler, EulerAncestralSampler, DpmSolverPlusPlus2MSampler {

    /** The wire names of all samplers, as requests give them. */
    List<String> NAMES = List.of(DdpmSampler.NAME, DdimSampler.NAME, EulerSampler.NAME, EulerAncestralSampler.NAME,
            DpmSolverPlusPlus2MSampler.NAME);

    /** The sampler's wire name ({@code ddpm}, {@code ddim}, {@code euler}, {@code euler-ancestral}, {@code dpmpp-2m}). */
    String name();

    /**
     * The plan of a run of {@code steps} steps over {@code schedule}'s timesteps chosen by {@code spacing}.
     *
     * @throws IllegalArgumentException when {@code steps} is outside {@code 1..T}
     */
    SamplerPlan plan(NoiseSchedule schedule, TimestepSpacing spacing, int steps);
}
