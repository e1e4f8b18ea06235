/**
 * {@code POST /v1/batches}: many generation requests in one JSONL body. Every line is read and validated on its
 * own; the valid ones are enqueued together in one Kafka transaction, the invalid ones are reported by line number.
 */
package dev.gdq.api.batches;
