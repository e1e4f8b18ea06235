/**
 * The queue side of the worker: consumes {@code generation.requests}, forms batches, hands them to the
 * sampling thread, uploads results and publishes events. One thread owns the consumer and the transactional
 * producer ({@link dev.gdq.worker.queue.TaskConsumerLoop}); a task's terminal event and its offset are committed
 * in one Kafka transaction, in offset order per partition ({@link dev.gdq.worker.queue.CompletionLedger}), so a
 * {@code read_committed} reader sees exactly one terminal event per task whatever crashes or rebalances happen.
 */
package dev.gdq.worker.queue;
