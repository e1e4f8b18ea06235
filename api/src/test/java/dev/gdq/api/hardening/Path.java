package dev.gdq.api.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A place in a JSON request: field names and array indices, written as the api names fields ({@code a.b[1].c}). */
record Path(List<Object> segments) {

    static final Path ROOT = new Path(List.of());

    Path child(String name) {
        List<Object> more = new ArrayList<>(segments);
        more.add(name);
        return new Path(List.copyOf(more));
    }

    Path child(int index) {
        List<Object> more = new ArrayList<>(segments);
        more.add(index);
        return new Path(List.copyOf(more));
    }

    Path parent() {
        return segments.isEmpty() ? null : new Path(segments.subList(0, segments.size() - 1));
    }

    Object last() {
        return segments.get(segments.size() - 1);
    }

    String field() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }

    JsonNode get(JsonNode root) {
        JsonNode node = root;
        for (Object segment : segments) {
            node = segment instanceof Integer index ? node.get(index) : node.get((String) segment);
            if (node == null) {
                throw new IllegalArgumentException("no " + field() + " in " + root);
            }
        }
        return node;
    }

    void set(JsonNode root, JsonNode value) {
        JsonNode container = parent().get(root);
        if (last() instanceof Integer index) {
            ((ArrayNode) container).set(index, value);
        } else {
            ((ObjectNode) container).set((String) last(), value);
        }
    }

    void remove(JsonNode root) {
        JsonNode container = parent().get(root);
        if (last() instanceof Integer index) {
            ((ArrayNode) container).remove((int) index);
        } else {
            ((ObjectNode) container).remove((String) last());
        }
    }
}
