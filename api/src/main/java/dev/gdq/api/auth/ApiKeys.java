package dev.gdq.api.auth;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Known API keys and their tenants. Keys are kept as SHA-256 digests and compared in constant time, so neither a
 * heap dump nor response timing gives a key away.
 */
public final class ApiKeys {

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Keys of {@code keyToTenant}; blank keys or tenants are refused. */
    public static ApiKeys of(Map<String, String> keyToTenant) {
        List<Entry> entries = new ArrayList<>();
        keyToTenant.forEach((key, tenant) -> {
            if (key == null || key.isBlank() || tenant == null || tenant.isBlank()) {
                throw new IllegalArgumentException("an API key and its tenant must not be blank (tenant '" + tenant
                        + "')");
            }
            entries.add(new Entry(digest(key.strip()), tenant.strip()));
        });
        return new ApiKeys(entries);
    }

    /** Keys of {@code keyToTenant} and of the properties file {@code file} ({@code key=tenant} per line). */
    public static ApiKeys of(Map<String, String> keyToTenant, Optional<Path> file) {
        if (file.isEmpty()) {
            return of(keyToTenant);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys file " + file.get(), e);
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(keyToTenant);
        properties.stringPropertyNames().forEach(key -> all.put(key, properties.getProperty(key)));
        return of(all);
    }

    /** The tenant of {@code key}, empty for an unknown or absent key. Every entry is compared. */
    public Optional<String> tenantOf(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = digest(key.strip());
        String tenant = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.keyDigest(), presented) && tenant == null) {
                tenant = entry.tenant();
            }
        }
        return Optional.ofNullable(tenant);
    }

    public int size() {
        return entries.size();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    private record Entry(byte[] keyDigest, String tenant) {
    }
}
