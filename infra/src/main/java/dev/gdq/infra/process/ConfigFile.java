package dev.gdq.infra.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** A server's {@code .properties} file, rewritten on every start from its config record. */
public final class ConfigFile {

    private ConfigFile() {
    }

    /** Writes {@code properties} in order, one {@code key=value} a line; values must not need escaping. */
    public static void write(String service, Path file, Map<String, String> properties) {
        String text = properties.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "# written by gdq-infra on every start\n", "\n"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceStartException(service, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
