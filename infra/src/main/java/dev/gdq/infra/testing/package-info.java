/**
 * Real servers for tests of any module: {@link dev.gdq.infra.testing.RealServices} for JUnit 5,
 * {@link dev.gdq.infra.testing.RealServicesResource} for {@code @QuarkusTest}, both backed by the
 * once-per-JVM {@link dev.gdq.infra.testing.SharedServices}.
 */
package dev.gdq.infra.testing;
