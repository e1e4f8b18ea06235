/**
 * {@code infra/services.sh}: a Kafka broker and an S3 server as daemons for local runs, on fixed
 * ports, with their state in one folder, stopped by recorded PID (checked against start time and
 * command line), never by name.
 */
package dev.gdq.infra.local;
