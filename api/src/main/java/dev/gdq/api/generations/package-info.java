/**
 * {@code /v1/generations}: submit, list, read, cancel, and follow a job as Server-Sent Events. The resource
 * validates parameters, delegates to the submit and jobs packages and maps their answers to HTTP.
 */
package dev.gdq.api.generations;
