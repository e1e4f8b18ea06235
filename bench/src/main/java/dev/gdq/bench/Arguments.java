package dev.gdq.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code key=value} command-line arguments; an unknown key or a malformed argument is refused by name. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    private Arguments() {
    }

    static Arguments parse(String[] args, Set<String> known) {
        Arguments parsed = new Arguments();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument '" + arg + "': expected key=value");
            }
            String key = arg.substring(0, eq);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("argument '" + key + "': unknown; known are " + known);
            }
            parsed.values.put(key, arg.substring(eq + 1));
        }
        return parsed;
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    String required(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("argument '" + key + "': required");
        }
        return value;
    }

    int intValue(String key, int fallback) {
        String value = values.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument '" + key + "': an integer, got " + value, e);
        }
    }

    double doubleValue(String key, double fallback) {
        String value = values.get(key);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument '" + key + "': a number, got " + value, e);
        }
    }
}
