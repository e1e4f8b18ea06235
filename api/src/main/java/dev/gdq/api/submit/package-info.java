/**
 * Commands on jobs: reading and validating a request ({@link RequestReader}: WireCodec decoding, then the
 * scheduler's {@code SamplingPlanner}, then the api's own limits), resolving it into a job and its tasks
 * ({@link JobFactory}), idempotent submission of single requests and JSONL batches ({@link JobSubmitter}),
 * enqueueing in one Kafka transaction ({@link JobQueue}) and cancellation ({@link JobCanceller}).
 * Nothing reaches a topic before it has passed validation.
 */
package dev.gdq.api.submit;
