/**
 * Where images go: S3-compatible storage through the MinIO SDK, with deterministic keys
 * ({@code jobs/{jobId}/{index}.png}, one manifest per task) so a redelivered task overwrites, never duplicates.
 */
package dev.gdq.worker.storage;
