/**
 * The batched guided sampler: turns the scheduler's per-step scalar coefficients and per-sample guidance
 * schedules into tensor work on DJL, one forward pass per step holding only the rows that step needs.
 * No Kafka here; the queue and the command line both drive {@link dev.gdq.worker.sampling.GuidedSampler}.
 */
package dev.gdq.worker.sampling;
