/** The worker as a long-running service: settings, wiring of models, storage and the Kafka loop, start and stop. */
package dev.gdq.worker.service;
