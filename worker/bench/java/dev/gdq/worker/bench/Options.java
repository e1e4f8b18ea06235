package dev.gdq.worker.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A benchmark's {@code key=value} arguments, each with a default; an unknown key is an error. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value, got '" + arg + "'");
            }
            String key = arg.substring(0, eq);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + key + "', known: " + known);
            }
            values.put(key, arg.substring(eq + 1));
        }
        return new Options(values);
    }

    int intValue(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    double doubleValue(String key, double fallback) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    List<String> list(String key, String fallback) {
        return Arrays.stream(string(key, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
