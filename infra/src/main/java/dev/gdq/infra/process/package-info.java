/**
 * Child JVMs: their build-time classpaths ({@link dev.gdq.infra.process.ChildClasspath}), starting
 * them, waiting for readiness with a timeout, stopping them, and the launcher main
 * ({@link dev.gdq.infra.process.ChildMain}) that ends a child when its parent JVM ends. Failures
 * surface as {@link dev.gdq.infra.process.ServiceStartException} with the tail of the child's log.
 */
package dev.gdq.infra.process;
