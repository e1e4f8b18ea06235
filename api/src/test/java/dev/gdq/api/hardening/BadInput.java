package dev.gdq.api.hardening;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One generated bad REST input and the answer it must get.
 *
 * @param category what kind of badness (wrong-type, out-of-range, missing, unknown-field, unicode, bytes, structure,
 *                 size, content-type, method, batch, query, path, header)
 * @param name     the rule and the field, readable in a test report
 * @param method   HTTP method
 * @param path     path and query, already percent-encoded where needed
 * @param headers  request headers besides the API key ({@code Content-Type} only when given here)
 * @param body     the body's exact bytes, or null for none
 * @param chunked  send the body without a Content-Length
 * @param status   the expected status (always 4xx)
 * @param fields   the problem must name one of these fields (in {@code violations}, or in {@code lines[].violations}
 *                 for batches); empty when no field applies. A field also counts when the problem names one of its
 *                 parents (the schedule object for a bad {@code type}).
 */
public record BadInput(String category, String name, String method, String path, Map<String, String> headers,
                       byte[] body, boolean chunked, int status, Set<String> fields) {

    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";

    static BadInput post(String category, String name, String path, String contentType, byte[] body, int status,
                         Set<String> fields) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new BadInput(category, name, "POST", path, headers, body, false, status, fields);
    }

    static BadInput postJson(String category, String name, String json, Set<String> fields) {
        return post(category, name, "/v1/generations", JSON, json.getBytes(StandardCharsets.UTF_8), 400, fields);
    }

    static BadInput get(String category, String name, String pathAndQuery, int status, Set<String> fields) {
        return new BadInput(category, name, "GET", pathAndQuery, Map.of(), null, false, status, fields);
    }

    BadInput withHeader(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new BadInput(category, name, method, path, more, body, chunked, status, fields);
    }

    BadInput sentChunked() {
        return new BadInput(category, name + " (chunked)", method, path, headers, body, true, status, fields);
    }

    @Override
    public String toString() {
        return category + ": " + name;
    }
}
