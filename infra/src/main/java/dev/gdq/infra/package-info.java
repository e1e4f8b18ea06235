/**
 * Real servers for tests and local runs: a single-node Kafka broker in KRaft mode and an
 * S3-compatible server (S3Proxy), each in a child JVM, plus topic and bucket bootstrap.
 *
 * <p>{@link dev.gdq.infra.LocalServices} says where the servers are; {@link dev.gdq.infra.ServiceSettings}
 * holds what the environment can override. Features live in sub-packages: {@code process} (child
 * JVMs), {@code kafka}, {@code s3}, {@code bootstrap}, {@code testing} (JUnit extension, Quarkus test
 * resource) and {@code local} ({@code services.sh}).
 */
package dev.gdq.infra;
