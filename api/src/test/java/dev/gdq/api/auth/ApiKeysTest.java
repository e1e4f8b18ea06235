package dev.gdq.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @Test
    void knownKeyGivesItsTenant() {
        ApiKeys keys = ApiKeys.of(Map.of("k-a", "team-a", "k-b", "team-b"));

        assertThat(keys.tenantOf("k-b")).contains("team-b");
        assertThat(keys.tenantOf("k-c")).isEmpty();
        assertThat(keys.tenantOf("")).isEmpty();
        assertThat(keys.tenantOf(null)).isEmpty();
    }

    @Test
    void keysFileAddsKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "# tenants\nk-file=team-file\n");

        ApiKeys keys = ApiKeys.of(Map.of("k-a", "team-a"), Optional.of(file));

        assertThat(keys.tenantOf("k-file")).contains("team-file");
        assertThat(keys.tenantOf("k-a")).contains("team-a");
    }

    @Test
    void blankTenantIsRefused() {
        assertThatThrownBy(() -> ApiKeys.of(Map.of("k-a", " "))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyPathsUnderV1AreGuarded() {
        assertThat(ApiKeyFilter.isVersionedApi("/v1/generations")).isTrue();
        assertThat(ApiKeyFilter.isVersionedApi("v1/models")).isTrue();
        assertThat(ApiKeyFilter.isVersionedApi("/v10/x")).isFalse();
        assertThat(ApiKeyFilter.isVersionedApi("/q/health")).isFalse();
    }
}
