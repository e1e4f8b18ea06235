package dev.gdq.infra.s3;

import dev.gdq.infra.process.ChildLifetime;
import dev.gdq.infra.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An S3-compatible server (S3Proxy, filesystem backend) on loopback, with SigV4 (and V2) authentication.
 *
 * @param directory        holds {@code s3proxy.properties} and {@code s3proxy.log}
 * @param dataDirectory    the buckets: one directory each, object metadata in extended attributes
 * @param port             the HTTP port
 * @param accessKey        the only accepted access key
 * @param secretKey        its secret
 * @param readinessTimeout how long the server may take to answer
 * @param lifetime         whether the server ends with this JVM
 */
public record S3ServerConfig(
        Path directory,
        Path dataDirectory,
        int port,
        String accessKey,
        String secretKey,
        Duration readinessTimeout,
        ChildLifetime lifetime) {

    public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(60);

    public static final String DEFAULT_ACCESS_KEY = "gdq-access-key";
    public static final String DEFAULT_SECRET_KEY = "gdq-secret-key";

    public S3ServerConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
        Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A server tied to this JVM on {@code port}, data in {@code directory/data}, default credentials. */
    public static S3ServerConfig onPort(Path directory, int port) {
        return new S3ServerConfig(directory, directory.resolve("data"), port, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY,
                DEFAULT_READINESS_TIMEOUT, ChildLifetime.TIED_TO_PARENT);
    }

    /** A server tied to this JVM on a port that is free now. */
    public static S3ServerConfig onFreePort(Path directory) {
        return onPort(directory, Ports.free(1).get(0));
    }

    public S3ServerConfig withCredentials(String newAccessKey, String newSecretKey) {
        return new S3ServerConfig(directory, dataDirectory, port, newAccessKey, newSecretKey, readinessTimeout, lifetime);
    }

    public S3ServerConfig withDataDirectory(Path newDataDirectory) {
        return new S3ServerConfig(directory, newDataDirectory, port, accessKey, secretKey, readinessTimeout, lifetime);
    }

    public S3ServerConfig withReadinessTimeout(Duration timeout) {
        return new S3ServerConfig(directory, dataDirectory, port, accessKey, secretKey, timeout, lifetime);
    }

    public S3ServerConfig withLifetime(ChildLifetime childLifetime) {
        return new S3ServerConfig(directory, dataDirectory, port, accessKey, secretKey, readinessTimeout, childLifetime);
    }

    /** {@code http://127.0.0.1:port}: an IP endpoint, so S3 clients use path-style requests. */
    public String endpoint() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    public Path propertiesFile() {
        return directory.resolve("s3proxy.properties");
    }

    public Path logFile() {
        return directory.resolve("s3proxy.log");
    }

    /**
     * S3Proxy's configuration. Keys are literals: their constants ({@code S3ProxyConstants}) live in the
     * S3Proxy jar, which is deliberately kept off this module's classpath.
     */
    public Map<String, String> proxyProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("s3proxy.endpoint", endpoint());
        properties.put("s3proxy.authorization", "aws-v2-or-v4");
        properties.put("s3proxy.identity", accessKey);
        properties.put("s3proxy.credential", secretKey);
        properties.put("jclouds.provider", "filesystem");
        properties.put("jclouds.filesystem.basedir", dataDirectory.toAbsolutePath().toString());
        return properties;
    }
}
