/** The worker's command line: {@code worker sample} for local sampling without Kafka. */
package dev.gdq.worker.cli;
