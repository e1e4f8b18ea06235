/**
 * The model's training noise schedule ({@link dev.gdq.scheduler.noise.NoiseSchedule}: betas, alpha-bar,
 * sigma in double precision) and which of its timesteps a sampling run of N steps visits
 * ({@link dev.gdq.scheduler.noise.TimestepSpacing}: leading, trailing, linspace as diffusers defines them).
 */
package dev.gdq.scheduler.noise;
