/** A real S3-compatible server: S3Proxy with its filesystem backend and SigV4 authentication, in a child JVM. */
package dev.gdq.infra.s3;
