/**
 * Guidance per sample and per step: guidance-weight schedules w(t)
 * ({@link dev.gdq.scheduler.guidance.GuidanceSchedule}, the families of the protocol's
 * {@link dev.gdq.protocol.ScheduleSpec}) evaluated along a sampler plan into a
 * {@link dev.gdq.scheduler.guidance.GuidancePlan}: for each step the classifier-free scale s_t, the classifier
 * scale s_c,t, which model rows the worker must compute, and the weights of the guided-eps weighted sum.
 *
 * <p>Scale convention: diffusers' s, eps = eps_u + s (eps_c - eps_u); s = 1 is plain conditional sampling, s = 0
 * unconditional; the CFG paper's w is s - 1 (Ho &amp; Salimans 2022, eq. 6, writes (1 + w) eps_c - w eps_u).
 */
package dev.gdq.scheduler.guidance;
