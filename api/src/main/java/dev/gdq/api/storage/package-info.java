/**
 * S3-compatible storage as the api uses it: presigned GET links to the workers' images ({@link ResultLinks}) and
 * the storage health check. The api never writes objects.
 */
package dev.gdq.api.storage;
