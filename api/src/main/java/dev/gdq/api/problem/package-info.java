/**
 * Errors as RFC 9457 problem documents ({@code application/problem+json}): {@link Problem}, the factory
 * {@link Problems}, {@link ProblemException} to raise one from anywhere, and the exception mappers.
 */
package dev.gdq.api.problem;
