/**
 * System benchmarks of a running deployment (api, Kafka, workers, S3), driven by {@code bench/run-all.sh}:
 * {@link dev.gdq.bench.AcceptLatency}, an open-loop load generator for the api's accept latency, and
 * {@link dev.gdq.bench.SystemThroughput}, images and tasks per second from submission to COMPLETED event.
 * Nothing here runs inside {@code mvn verify} except the unit test of the load generator's timing.
 */
package dev.gdq.bench;
