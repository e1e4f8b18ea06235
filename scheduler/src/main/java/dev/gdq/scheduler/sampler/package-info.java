/**
 * Samplers as per-step plans of scalar coefficients: one small interface
 * ({@link dev.gdq.scheduler.sampler.Sampler}), one class per sampler (DDPM ancestral, DDIM with eta, Euler,
 * Euler ancestral, DPM-Solver++ 2M), each update written as a weighted sum of at most five tensors whose
 * weights this package computes. {@link dev.gdq.scheduler.sampler.SamplerPlan} states the loop the worker runs
 * with them; {@link dev.gdq.scheduler.sampler.SamplerStep} holds one step's scalars.
 *
 * <p>Shared notation (code name: symbol): {@code alphaBar}: abar_t at the step's timestep; {@code alphaBarNext}:
 * abar at the next chosen timestep, 1 after the last step (Nichol &amp; Dhariwal 2021, Section 4: a respaced
 * chain uses abar at the chosen timesteps); {@code sigma}: sqrt((1 - abar) / abar); {@code x}: the sampler's
 * state; {@code u}: the model input; {@code eps}: the guided noise prediction; {@code x0}: x0hat, the prediction
 * of the clean sample; {@code x0Prev}: x0hat of the previous step; {@code z}: fresh standard normal noise.
 */
package dev.gdq.scheduler.sampler;
