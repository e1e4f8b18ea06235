/**
 * The v1 wire contract: request, task, event and cancellation records, guidance-schedule specs,
 * topic and header names, and the codec that reads them with errors that name the field.
 *
 * <p>Evolution rule: within v1 changes are additive only (new optional fields); readers ignore
 * fields they do not know. A breaking change is a new {@code schemaVersion}. Data only: semantic
 * validation (steps against the model's T, schedule lengths, ...) lives in the scheduler module.
 */
package dev.gdq.protocol;
