/**
 * Idempotent creation of the topics of {@link dev.gdq.protocol.Topics} (the cancellations topic
 * compacted) and of the image bucket, shared by tests and local runs.
 */
package dev.gdq.infra.bootstrap;
