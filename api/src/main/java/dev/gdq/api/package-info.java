/**
 * The generation API (Quarkus REST): submit, bulk submit, status, Server-Sent Events, cancel and result links.
 * The job-status view is folded from {@code generation.events}; requests are validated by the scheduler
 * module's {@code SamplingPlanner} before anything is enqueued. The api never loads a model: it reads model
 * manifests only.
 *
 * <p>Packages by feature: {@code config} (typed configuration), {@code auth} (API keys to tenants),
 * {@code problem} (RFC 9457 problem documents), {@code models} (served models from manifests),
 * {@code submit} (reading, validating, resolving and enqueueing requests), {@code jobs} (the job view and the
 * consumer loop that feeds it), {@code generations} and {@code batches} (the REST resources),
 * {@code storage} (S3 presigned links), {@code kafka} (client configuration and the transactional producers),
 * {@code openapi} (the OpenAPI definition and its examples).
 */
package dev.gdq.api;
