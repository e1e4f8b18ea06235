/**
 * The one validation entry point shared by api and worker: {@link dev.gdq.scheduler.plan.SamplingPlanner} turns a
 * protocol {@link dev.gdq.protocol.GenerationRequest} and the model's {@link dev.gdq.protocol.ModelManifest}
 * into a {@link dev.gdq.scheduler.plan.SamplingPlan} (sampler plan, guidance plan, resolved classes, batch key) or
 * into the list of every {@link dev.gdq.scheduler.plan.Violation}, each naming its field and rule. The api answers
 * 400 with them; the worker sends a task that fails here to the dead-letter topic. Limits the api configures
 * (maximum steps, images, guidance scale) come in as {@link dev.gdq.scheduler.plan.PlanningLimits}.
 */
package dev.gdq.scheduler.plan;
