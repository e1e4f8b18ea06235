/**
 * The sampling maths of gdq, engine-free: it hands the worker scalars, the worker does the tensor work.
 *
 * <ul>
 *   <li>{@link dev.gdq.scheduler.noise}: the training noise schedule (alpha-bar, sigma) and the timestep
 *       spacing of a sampling run.</li>
 *   <li>{@link dev.gdq.scheduler.sampler}: one class per sampler, each producing a per-step plan of scalar
 *       coefficients; {@link dev.gdq.scheduler.sampler.SamplerPlan} states the worker loop contract.</li>
 *   <li>{@link dev.gdq.scheduler.guidance}: guidance-weight schedules w(t) evaluated per step, and which
 *       model rows each step needs.</li>
 *   <li>{@link dev.gdq.scheduler.plan}: the one validation entry point shared by api and worker, from a
 *       request and a model manifest to a sampling plan or the list of every violation.</li>
 * </ul>
 *
 * <p>Notation (DDPM/DDIM): {@code T} training timesteps, {@code t} in {@code 0..T-1} (0-based, as diffusers),
 * {@code abar_t} = prod over {@code s <= t} of {@code (1 - beta_s)}, {@code sigma_t = sqrt((1 - abar_t) / abar_t)},
 * {@code eps} the model's noise prediction, {@code x0hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)}.
 * The maths with its sources is in {@code shared/GUIDANCE.md}; the module's README lists the deliberate
 * differences from diffusers.
 */
package dev.gdq.scheduler;
