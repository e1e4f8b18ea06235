package dev.gdq.api.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdq.protocol.WireCodec;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Generates bad REST inputs systematically: valid requests (one per schedule type and sampler) are mutated one
 * field and one rule at a time — every field gets every wrong JSON type, its out-of-range values, its removal when
 * required, unknown siblings and misspellings, Unicode edge cases and malformed bytes — and the same mutations are
 * sent as JSONL batch lines; then the body as a whole (structure, size, content type, method) and the query, path
 * and header parameters. {@link Scope#SMOKE} mutates the main request fully and the others only where they differ
 * (what {@code mvn verify} runs); {@link Scope#FULL} mutates every request fully, sends every mutation also as a batch
 * line, and adds seeded random pairs of mutations.
 */
public final class BadInputGenerator {

    /** How many inputs to generate. */
    public enum Scope { SMOKE, FULL }

    static final String GENERATIONS = "/v1/generations";
    static final String BATCHES = "/v1/batches";
    private static final int RANDOM_PAIRS = 1500;

    /** Test limits (application.properties, %test): single request and batch line, lines per batch, page size. */
    private final int maxRequestBytes;
    private final int maxBatchBytes;
    private final int maxBatchLines;
    private final Scope scope;
    private final String idempotencyKey;
    private final List<BadInput> inputs = new ArrayList<>();
    /** The single-field mutations of the main request, for {@link #randomPairs}. */
    private final List<Mutation> mainMutations = new ArrayList<>();
    private ObjectNode current;

    private record Mutation(String name, Consumer<ObjectNode> change, Set<String> fields) {
    }

    public BadInputGenerator(Scope scope, int maxRequestBytes, int maxBatchBytes, int maxBatchLines, String runId) {
        this.scope = scope;
        this.maxRequestBytes = maxRequestBytes;
        this.maxBatchBytes = maxBatchBytes;
        this.maxBatchLines = maxBatchLines;
        this.idempotencyKey = "bad-input-" + runId;
    }

    /** The valid requests every mutation starts from: each must be accepted as it is. */
    public List<ObjectNode> validRequests() {
        return List.of(main(), linear(), cosine(), power(), interval(), piecewise(), explicit());
    }

    public List<BadInput> generate() {
        inputs.clear();
        mainMutations.clear();
        ObjectNode main = main();
        List<Path> mainPaths = leavesAndContainers(main, Path.ROOT);
        for (ObjectNode base : validRequests()) {
            boolean isMain = base.equals(main);
            current = isMain ? base : null;
            if (scope == Scope.FULL || isMain) {
                unknownFields(base, Path.ROOT, base);
            }
            for (Path path : leavesAndContainers(base, Path.ROOT)) {
                if (scope == Scope.FULL || isMain || !mainPaths.contains(path)) {
                    mutateField(base, path);
                }
            }
        }
        wholeBody(main);
        batches(main);
        queryParameters();
        pathParameters();
        headers(main);
        if (scope == Scope.FULL) {
            randomPairs(main);
        }
        return List.copyOf(inputs);
    }

    // ---------------------------------------------------------------- valid requests

    private ObjectNode main() {
        ObjectNode r = head();
        r.putArray("classes").add("sneaker").add(3);
        r.put("totalImages", 4);
        r.put("seed", 42);
        r.put("priority", 5);
        r.put("idempotencyKey", idempotencyKey + "-main");
        r.putObject("labels").put("campaign", "spring").put("note", "caf\u00e9 \ud83d\ude00");
        r.putObject("sampler").put("name", "ddim").put("steps", 20).put("eta", 0.0).put("timestepSpacing", "leading");
        ObjectNode guidance = r.putObject("guidance");
        guidance.putObject("cfg").putObject("schedule").put("type", "constant").put("scale", 3.0);
        guidance.put("rescale", 0.5);
        guidance.putObject("thresholding").put("percentile", 0.995);
        return r;
    }

    private ObjectNode linear() {
        ObjectNode r = head();
        r.putArray("classes").add("bag").add("coat");
        r.put("imagesPerClass", 2);
        r.putObject("sampler").put("name", "ddim").put("steps", 20);
        schedule(r, "linear").put("from", 1.0).put("to", 5.0);
        return r;
    }

    private ObjectNode cosine() {
        ObjectNode r = simple("euler");
        schedule(r, "cosine").put("from", 1.0).put("to", 5.0);
        return r;
    }

    private ObjectNode power() {
        ObjectNode r = simple("dpmpp-2m");
        schedule(r, "power").put("from", 1.0).put("to", 5.0).put("exponent", 2.0);
        return r;
    }

    private ObjectNode interval() {
        ObjectNode r = simple("euler-ancestral");
        schedule(r, "interval").put("scale", 4.0).put("sigmaLow", 0.3).put("sigmaHigh", 5.0);
        return r;
    }

    private ObjectNode piecewise() {
        ObjectNode r = simple("ddpm");
        ((ObjectNode) r.get("sampler")).put("ddpmVariance", "beta");
        ArrayNode knots = schedule(r, "piecewise").putArray("knots");
        knots.addObject().put("progress", 0.0).put("scale", 1.0);
        knots.addObject().put("progress", 1.0).put("scale", 4.0);
        r.withObject("/guidance/classifier").putObject("schedule").put("type", "constant").put("scale", 1.0);
        return r;
    }

    private ObjectNode explicit() {
        ObjectNode r = simple("ddim");
        ArrayNode scales = schedule(r, "explicit").putArray("scales");
        for (int i = 0; i < 20; i++) {
            scales.add(1.0 + i * 0.1);
        }
        return r;
    }

    private static ObjectNode head() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("schemaVersion", 1);
        r.put("model", "fashion-mnist");
        return r;
    }

    private static ObjectNode simple(String sampler) {
        ObjectNode r = head();
        r.putArray("classes").add("dress");
        r.put("totalImages", 2);
        r.putObject("sampler").put("name", sampler).put("steps", 20);
        return r;
    }

    private static ObjectNode schedule(ObjectNode request, String type) {
        return request.withObject("/guidance/cfg").putObject("schedule").put("type", type);
    }

    // ---------------------------------------------------------------- one field, every rule

    private void mutateField(ObjectNode base, Path path) {
        JsonNode value = path.get(base);
        String field = path.field();
        wrongTypes(base, path, value);
        outOfRange(base, path);
        if (Rules.isRequired(path)) {
            single("missing", "without " + field, base, r -> path.remove(r), Rules.fieldsNamedWhenMissing(path));
        }
        if (value.isObject() && !Rules.isFreeForm(path)) {
            unknownFields(base, path, (ObjectNode) value);
        }
        if (value.isTextual()) {
            unicode(base, path, value.textValue());
            malformedBytes(base, path, value.textValue());
        }
        if (value.isNumber()) {
            unicodeDigits(base, path, value);
        }
    }

    private void wrongTypes(ObjectNode base, Path path, JsonNode value) {
        String field = path.field();
        Set<String> fields = Set.of(field);
        List<JsonNode> wrong = new ArrayList<>();
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value.isIntegralNumber()) {
            wrong.add(f.textNode(value.asText()));
            wrong.add(f.numberNode(value.asLong() + 0.5));
            wrong.add(f.numberNode(new java.math.BigDecimal(value.asText() + ".0e0")));
        } else if (value.isNumber()) {
            wrong.add(f.textNode(value.asText()));
            wrong.add(f.textNode("NaN"));
            wrong.add(f.textNode("Infinity"));
        } else if (value.isTextual()) {
            if (!Rules.isListElement(path)) {
                wrong.add(f.numberNode(7));
            }
            wrong.add(f.numberNode(2.5));
        }
        wrong.add(f.booleanNode(true));
        if (!value.isArray()) {
            wrong.add(f.arrayNode().add(value.deepCopy()));
        }
        if (!value.isObject()) {
            wrong.add(f.objectNode().set("value", value.deepCopy()));
        } else {
            wrong.add(f.textNode(value.toString()));
        }
        if (!value.isTextual() && !value.isContainerNode()) {
            wrong.add(f.textNode(""));
        }
        if (Rules.isRequired(path) || Rules.isListElement(path)) {
            wrong.add(f.nullNode());
        }
        for (JsonNode replacement : wrong) {
            single("wrong-type", field + " = " + abbreviate(replacement.toString()), base,
                    r -> path.set(r, replacement), replacement.isNull() ? Rules.fieldsNamedWhenMissing(path) : fields);
        }
    }

    private void outOfRange(ObjectNode base, Path path) {
        for (JsonNode outside : Rules.outOfRange(path)) {
            single("out-of-range", path.field() + " = " + abbreviate(outside.toString()), base,
                    r -> path.set(r, outside), Set.of(path.field()));
        }
        for (Map.Entry<String, Consumer<ObjectNode>> broken : Rules.brokenShapes(path).entrySet()) {
            single("out-of-range", path.field() + ": " + broken.getKey(), base, broken.getValue(),
                    Rules.fieldsNamedWhenMissing(path));
        }
    }

    private void unknownFields(ObjectNode base, Path path, ObjectNode object) {
        List<String> unknown = new ArrayList<>(List.of("unknownField", "_comment", "$schema"));
        object.fieldNames().forEachRemaining(name -> {
            unknown.add(name + "s");
            unknown.add(Character.toUpperCase(name.charAt(0)) + name.substring(1));
            unknown.add(name + " ");
            unknown.add(name.charAt(0) + "\u200b" + name.substring(1));
            unknown.add(fullWidth(name));
        });
        for (String name : unknown) {
            if (object.has(name)) {
                continue;
            }
            Path added = path.child(name);
            single("unknown-field", "unknown field '" + printable(added.field()) + "'", base,
                    r -> ((ObjectNode) path.get(r)).put(name, 1), Set.of(added.field()));
        }
    }

    private void unicode(ObjectNode base, Path path, String text) {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("NUL first", "\u0000" + text);
        variants.put("BEL inside", insert(text, "\u0007"));
        variants.put("ANSI escape", "\u001b[31m" + text);
        variants.put("DEL", text + "\u007f");
        variants.put("C1 next-line", text + "\u0085");
        variants.put("newline", text + "\n");
        variants.put("lone high surrogate", text + "\ud800");
        variants.put("lone low surrogate", "\udfff" + text);
        variants.put("reversed surrogate pair", text + "\udc00\ud800");
        variants.put("right-to-left override", "\u202e" + text);
        variants.put("left-to-right isolate", "\u2066" + text + "\u2069");
        if (!Rules.isLabelValue(path)) {
            variants.put("zero-width space", insert(text, "\u200b"));
            variants.put("zero-width joiner", insert(text, "\u200d"));
            variants.put("byte order mark inside", insert(text, "\ufeff"));
            variants.put("right-to-left mark", text + "\u200f");
            variants.put("full-width", fullWidth(text));
            variants.put("Cyrillic look-alikes", text.replace('a', '\u0430').replace('e', '\u0435')
                    .replace('o', '\u043e').replace('c', '\u0441').replace('i', '\u0456'));
            variants.put("combining accent", text + "\u0301");
            variants.put("no-break space", text + "\u00a0");
            variants.put("ideographic space", "\u3000" + text);
            variants.put("line separator", text + "\u2028");
            variants.put("trailing space", text + " ");
            variants.put("4,000 characters", text + "x".repeat(4000));
        }
        if (Rules.isCatalogueName(path)) {
            variants.put("upper case", text.toUpperCase(java.util.Locale.ROOT));
            variants.put("dot segments", "../" + text);
            variants.put("percent-encoded dots", "%2e%2e%2f" + text);
            variants.put("absolute path", "/etc/" + text);
            variants.put("backslash", "..\\" + text);
            variants.put("empty", "");
        }
        variants.values().removeIf(text::equals);
        for (Map.Entry<String, String> variant : variants.entrySet()) {
            single("unicode", path.field() + ": " + variant.getKey(), base, r -> path.set(r,
                    JsonNodeFactory.instance.textNode(variant.getValue())), Set.of(path.field()));
        }
        if (Rules.isLabelValue(path)) {
            labelNames(base, path);
        }
    }

    /** A label renamed to a name no one could read or tell apart. */
    private void labelNames(ObjectNode base, Path path) {
        String name = (String) path.last();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("NUL", name + "\u0000");
        names.put("newline", name + "\n");
        names.put("zero-width space", insert(name, "\u200b"));
        names.put("right-to-left override", "\u202e" + name);
        names.put("byte order mark", "\ufeff" + name);
        names.put("leading space", " " + name);
        names.put("trailing tab", name + "\t");
        names.put("empty", "");
        names.put("65 characters", "n".repeat(65));
        names.put("lone surrogate", name + "\udbff");
        for (Map.Entry<String, String> renamed : names.entrySet()) {
            Path label = path.parent().child(renamed.getValue());
            single("unicode", "label name: " + renamed.getKey(), base, r -> {
                ObjectNode labels = (ObjectNode) path.parent().get(r);
                labels.set(renamed.getValue(), labels.remove(name));
            }, Set.of(label.field()));
        }
    }

    /** Bytes no JSON text may hold inside a string: overlong forms, encoded surrogates, beyond U+10FFFF, raw NUL. */
    private void malformedBytes(ObjectNode base, Path path, String text) {
        Map<String, String> bytes = new LinkedHashMap<>();
        bytes.put("overlong '.' (C0 AE)", "c0ae");
        bytes.put("overlong '/' (C0 AF)", "c0af");
        bytes.put("overlong '.' (E0 80 AE)", "e080ae");
        bytes.put("overlong '.' (F0 80 80 AE)", "f08080ae");
        bytes.put("encoded surrogate (ED A0 80)", "eda080");
        bytes.put("beyond U+10FFFF (F4 90 80 80)", "f4908080");
        bytes.put("invalid byte FF", "ff");
        bytes.put("lone continuation byte", "80");
        bytes.put("truncated sequence", "e282");
        bytes.put("raw NUL", "00");
        bytes.put("raw line feed", "0a");
        String marker = "\u0001MARK\u0001";
        ObjectNode marked = base.deepCopy();
        path.set(marked, JsonNodeFactory.instance.textNode(text + marker));
        String json = marked.toString();
        String escapedMarker = JsonNodeFactory.instance.textNode(marker).toString();
        escapedMarker = escapedMarker.substring(1, escapedMarker.length() - 1);
        int at = json.indexOf(escapedMarker);
        for (Map.Entry<String, String> bad : bytes.entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(HexFormat.of().parseHex(bad.getValue()));
            out.writeBytes(json.substring(at + escapedMarker.length()).getBytes(StandardCharsets.UTF_8));
            inputs.add(BadInput.post("bytes", path.field() + ": " + bad.getKey(), GENERATIONS, BadInput.JSON,
                    out.toByteArray(), 400, Set.of("")));
        }
    }

    /** Numbers written with digits other than ASCII: as strings (a type error) and bare (not JSON). */
    private void unicodeDigits(ObjectNode base, Path path, JsonNode value) {
        String digits = value.asText();
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("full-width digits", fullWidth(digits));
        forms.put("Arabic-Indic digits", mapDigits(digits, '\u0660'));
        forms.put("Devanagari digits", mapDigits(digits, '\u0966'));
        for (Map.Entry<String, String> form : forms.entrySet()) {
            single("unicode", path.field() + ": " + form.getKey() + " as a string", base,
                    r -> path.set(r, JsonNodeFactory.instance.textNode(form.getValue())), Set.of(path.field()));
            ObjectNode marked = base.deepCopy();
            path.set(marked, JsonNodeFactory.instance.textNode("\u0001DIGITS\u0001"));
            String json = marked.toString().replace("\"\\u0001DIGITS\\u0001\"", form.getValue());
            inputs.add(BadInput.post("unicode", path.field() + ": " + form.getKey() + " bare", GENERATIONS,
                    BadInput.JSON, json.getBytes(StandardCharsets.UTF_8), 400, Set.of("")));
        }
    }

    // ---------------------------------------------------------------- the body as a whole

    private void wholeBody(ObjectNode main) {
        String json = main.toString();
        Set<String> body = Set.of("");
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("not JSON", "generate me some sneakers");
        texts.put("JSON array", "[" + json + "]");
        texts.put("JSON string", "\"" + json.replace("\"", "\\\"") + "\"");
        texts.put("JSON number", "42");
        texts.put("JSON null", "null");
        texts.put("JSON true", "true");
        texts.put("empty object", "{}");
        texts.put("trailing garbage", json + "garbage");
        texts.put("two documents", json + json);
        texts.put("trailing comma", json.substring(0, json.length() - 1) + ",}");
        texts.put("single quotes", json.replace('"', '\''));
        texts.put("comment", "/* c */" + json);
        texts.put("NaN literal", json.replace("\"scale\":3.0", "\"scale\":NaN"));
        texts.put("unquoted field names", json.replace("\"model\":", "model:"));
        texts.put("2,000-digit number", json.replace("\"seed\":42", "\"seed\":" + "9".repeat(2000)));
        texts.put("nesting 5,000 deep", "[".repeat(5000) + "]".repeat(5000));
        texts.put("object nesting 2,000 deep", "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));
        texts.put("duplicate field", json.replace("\"model\":\"fashion-mnist\"",
                "\"model\":\"fashion-mnist\",\"model\":\"trivial\""));
        texts.put("byte order mark twice", "\ufeff\ufeff" + json);
        for (int cut : new int[] {1, json.length() / 4, json.length() / 2, json.length() - 1}) {
            texts.put("truncated at " + cut, json.substring(0, cut));
        }
        texts.put("blank", "   \n\t ");
        texts.put("empty", "");
        for (Map.Entry<String, String> text : texts.entrySet()) {
            Set<String> fields = text.getKey().equals("empty object") ? Set.of("schemaVersion") : body;
            inputs.add(BadInput.post("structure", text.getKey(), GENERATIONS, BadInput.JSON,
                    text.getValue().getBytes(StandardCharsets.UTF_8), 400, fields));
        }
        inputs.add(BadInput.post("structure", "UTF-16 body declared as JSON", GENERATIONS, BadInput.JSON,
                json.getBytes(StandardCharsets.UTF_16), 400, body));
        inputs.add(BadInput.post("structure", "UTF-16 body declared as charset=UTF-16", GENERATIONS,
                BadInput.JSON + "; charset=UTF-16", json.getBytes(StandardCharsets.UTF_16), 400, body));
        inputs.add(BadInput.post("structure", "Latin-1 body declared as charset=ISO-8859-1", GENERATIONS,
                BadInput.JSON + "; charset=ISO-8859-1", json.getBytes(StandardCharsets.ISO_8859_1), 400, body));

        byte[] justAbove = padded(main, maxRequestBytes + 1);
        inputs.add(BadInput.post("size", "one byte above max-request-bytes", GENERATIONS, BadInput.JSON, justAbove,
                413, Set.of()));
        inputs.add(BadInput.post("size", "one byte above max-request-bytes", GENERATIONS, BadInput.JSON, justAbove,
                413, Set.of()).sentChunked());
        inputs.add(BadInput.post("size", "1 MiB", GENERATIONS, BadInput.JSON, padded(main, 1 << 20), 413, Set.of()));
        inputs.add(BadInput.post("size", "17 MiB, above the HTTP hard limit", GENERATIONS, BadInput.JSON,
                padded(main, 17 << 20), 413, Set.of()));
        inputs.add(BadInput.post("size", "batch one byte above max-batch-bytes", BATCHES, BadInput.NDJSON,
                lines(main, maxBatchBytes + 1), 413, Set.of()));

        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "application/x-ndjson", "text/json",
                "application/problem+json", "application/", "garbage", "*/*")) {
            inputs.add(BadInput.post("content-type", "Content-Type: " + type, GENERATIONS, type, bytes, 415,
                    Set.of()));
        }
        inputs.add(BadInput.post("content-type", "no Content-Type", GENERATIONS, null, bytes, 415, Set.of()));
        inputs.add(BadInput.post("content-type", "JSON accepted only as image/png", GENERATIONS, BadInput.JSON, bytes,
                406, Set.of()).withHeader("Accept", "image/png"));
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            inputs.add(new BadInput("method", method + " " + GENERATIONS, method, GENERATIONS,
                    Map.of("Content-Type", BadInput.JSON), bytes, false, 405, Set.of()));
        }
        inputs.add(new BadInput("method", "GET " + BATCHES, "GET", BATCHES, Map.of(), null, false, 405, Set.of()));
    }

    // ---------------------------------------------------------------- JSONL batches

    private void batches(ObjectNode main) {
        String line = main.toString();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("only blank lines", "\n\n  \n");
        bodies.put("not JSON", "this is not json\n");
        bodies.put("JSON array line", "[" + line + "]\n");
        bodies.put("two requests on one line", line + line + "\n");
        bodies.put("request split over two lines", line.substring(0, 40) + "\n" + line.substring(40) + "\n");
        bodies.put("pretty-printed request", main.toPrettyString() + "\n");
        bodies.put("empty object", "{}\n");
        bodies.put("a request without its model", line.replace("\"model\":\"fashion-mnist\",", "") + "\n");
        bodies.put("NUL line", "\u0000\n");
        bodies.put("a JSON array of requests", "[" + line + "," + line + "]");
        bodies.put("lines separated by CR only", line.replace("}", "}\r") + line);
        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i <= maxBatchLines; i++) {
            tooMany.append(line.replace(idempotencyKey + "-main", idempotencyKey + "-line-" + i)).append('\n');
        }
        bodies.put((maxBatchLines + 1) + " lines, above max-batch-lines", tooMany.toString());
        bodies.put("empty", "");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            Set<String> fields = switch (body.getKey()) {
                case "empty object" -> Set.of("schemaVersion");
                case "a request without its model" -> Set.of("model");
                default -> Set.of("");
            };
            inputs.add(BadInput.post("batch", body.getKey(), BATCHES, BadInput.NDJSON,
                    body.getValue().getBytes(StandardCharsets.UTF_8), 400, fields));
        }
        byte[] longLine = padded(main, maxRequestBytes + 1);
        inputs.add(BadInput.post("batch", "a line above max-request-bytes", BATCHES, BadInput.NDJSON, longLine, 400,
                Set.of()));
        byte[] invalidUtf8 = (line.replace("fashion-mnist", "fashion\u0001mnist")).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 1) {
                invalidUtf8[i] = (byte) 0xC0;
            }
        }
        inputs.add(BadInput.post("batch", "a line with an invalid UTF-8 byte", BATCHES, BadInput.NDJSON, invalidUtf8,
                400, Set.of("")));
        inputs.add(BadInput.post("batch", "Latin-1 lines declared as charset=ISO-8859-1", BATCHES,
                "application/jsonl; charset=ISO-8859-1", (line + "\n").getBytes(StandardCharsets.ISO_8859_1), 400,
                Set.of("")));
        for (String type : List.of("application/json", "application/xml", "*/*")) {
            inputs.add(BadInput.post("batch", "batch as " + type, BATCHES, type, (line + "\n")
                    .getBytes(StandardCharsets.UTF_8), 415, Set.of()));
        }
        inputs.add(BadInput.post("batch", "batch without Content-Type", BATCHES, null, (line + "\n")
                .getBytes(StandardCharsets.UTF_8), 415, Set.of()));
    }

    // ---------------------------------------------------------------- query, path and header parameters

    private void queryParameters() {
        for (String limit : List.of("0", "-1", "101", "1000000000000", "abc", "\uff11\uff10", "\u0661\u0660", "1e1",
                "10.5", "0x10", "+5", "%00", "1%00")) {
            String query = limit.startsWith("%") || limit.contains("%") ? limit : encode(limit);
            inputs.add(BadInput.get("query", "limit=" + limit, GENERATIONS + "?limit=" + query, 400,
                    Set.of("limit")));
        }
        for (String state : List.of("DONE", "queued;drop", "\uff31\uff35\uff25\uff35\uff25\uff24", "runn\u0131ng",
                "RUNNING\u200b", "QUEUED,BOGUS", "%00", "Q%0AUEUED", "*")) {
            String query = state.contains("%") ? state : encode(state);
            inputs.add(BadInput.get("query", "state=" + printable(state), GENERATIONS + "?state=" + query, 400,
                    Set.of("state")));
        }
        for (String id : List.of("../../etc/passwd", "job-..", "job-a/b", "job-\uff11", "job-x\u0000", "x".repeat(200),
                "job-")) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
            inputs.add(BadInput.get("query", "cursor of '" + printable(abbreviate(id)) + "'",
                    GENERATIONS + "?cursor=" + cursor, 400, Set.of("cursor")));
        }
        for (String cursor : List.of("not base64!", "%2e%2e%2f", "====", "\u00e9")) {
            inputs.add(BadInput.get("query", "cursor " + cursor, GENERATIONS + "?cursor=" + (cursor.contains("%")
                    ? cursor : encode(cursor)), 400, Set.of("cursor")));
        }
        for (String last : List.of("abc", "-1", "1.5", "99999999999999999999", "1e3", "0x1", "1 2")) {
            inputs.add(BadInput.get("header", "Last-Event-ID: " + last, GENERATIONS + "/job-00000000000000000000000000"
                    + "/events", 400, Set.of("Last-Event-ID")).withHeader("Last-Event-ID", last));
        }
    }

    private void pathParameters() {
        for (String id : List.of("..", "%2e%2e", "%2E%2E%2F%2E%2E", "a%2Fb", "..%5C..", "%00", "job-%00",
                "%EF%BC%91", "job-01M8MCC16RDWMRCB0Y6JMSRYW%E2%80%8B", "x".repeat(300), "%252e%252e",
                "job-00000000000000000000000000%20")) {
            inputs.add(BadInput.get("path", "GET job '" + abbreviate(id) + "'", GENERATIONS + "/" + id, 404,
                    Set.of()));
            inputs.add(new BadInput("path", "cancel job '" + abbreviate(id) + "'", "POST",
                    GENERATIONS + "/" + id + "/cancel", Map.of(), null, false, 404, Set.of()));
            inputs.add(BadInput.get("path", "events of job '" + abbreviate(id) + "'", GENERATIONS + "/" + id
                    + "/events", 404, Set.of()));
        }
        for (String model : List.of("..", "%2e%2e", "fashion-mnist%2F..", "%EF%BD%86ashion-mnist", "FASHION-MNIST")) {
            inputs.add(BadInput.get("path", "model '" + model + "'", "/v1/models/" + model, 404, Set.of()));
        }
    }

    private void headers(ObjectNode main) {
        ObjectNode withoutKey = main.deepCopy();
        withoutKey.remove("idempotencyKey");
        byte[] bytes = withoutKey.toString().getBytes(StandardCharsets.UTF_8);
        for (String key : List.of("has space", "k".repeat(256), "tab\tinside")) {
            inputs.add(BadInput.post("header", "Idempotency-Key '" + printable(abbreviate(key)) + "'", GENERATIONS,
                    BadInput.JSON, bytes, 400, Set.of("idempotencyKey")).withHeader("Idempotency-Key", key));
        }
        inputs.add(BadInput.post("header", "Idempotency-Key differs from the body's", GENERATIONS, BadInput.JSON,
                main.toString().getBytes(StandardCharsets.UTF_8), 400, Set.of("idempotencyKey"))
                .withHeader("Idempotency-Key", idempotencyKey + "-other"));
    }

    // ---------------------------------------------------------------- random pairs (full run)

    private void randomPairs(ObjectNode main) {
        List<Mutation> candidates = mainMutations.stream().filter(m -> !m.fields().contains("")).toList();
        Random random = new Random(20261129L);
        int added = 0;
        for (int attempt = 0; added < RANDOM_PAIRS && attempt < RANDOM_PAIRS * 10; attempt++) {
            Mutation first = candidates.get(random.nextInt(candidates.size()));
            Mutation second = candidates.get(random.nextInt(candidates.size()));
            if (overlap(first.fields(), second.fields())) {
                continue;
            }
            ObjectNode request = main.deepCopy();
            try {
                first.change().accept(request);
                second.change().accept(request);
            } catch (RuntimeException collided) {
                continue;
            }
            Set<String> fields = new java.util.HashSet<>(first.fields());
            fields.addAll(second.fields());
            inputs.add(BadInput.postJson("pair", first.name() + " + " + second.name(), jsonText(request),
                    Set.copyOf(fields)));
            added++;
        }
    }

    /** Whether a field of one set is, contains or lies in a field of the other. */
    private static boolean overlap(Set<String> a, Set<String> b) {
        for (String x : a) {
            for (String y : b) {
                if (x.startsWith(y) || y.startsWith(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers

    /** A request to {@link #GENERATIONS}, and with {@link Scope#FULL} the same as the only line of a batch. */
    private void single(String category, String name, ObjectNode base, Consumer<ObjectNode> change,
                        Set<String> fields) {
        ObjectNode request = base.deepCopy();
        change.accept(request);
        String json = jsonText(request);
        inputs.add(BadInput.postJson(category, name, json, fields));
        if (base == current) {
            mainMutations.add(new Mutation(name, change, fields));
        }
        if (scope == Scope.FULL || inputs.size() % 5 == 0) {
            inputs.add(BadInput.post(category, name + " (batch line)", BATCHES, BadInput.NDJSON,
                    ("\n" + json + "\n").getBytes(StandardCharsets.UTF_8), 400, fields));
        }
    }

    /** Valid-looking JSON of exactly {@code size} bytes: the request with a long label. */
    private static byte[] padded(ObjectNode main, int size) {
        ObjectNode request = main.deepCopy();
        ((ObjectNode) request.get("labels")).put("pad", "");
        int missing = size - request.toString().getBytes(StandardCharsets.UTF_8).length;
        ((ObjectNode) request.get("labels")).put("pad", "p".repeat(Math.max(0, missing)));
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Copies of the main request, one per line, to at least {@code size} bytes. */
    private static byte[] lines(ObjectNode main, int size) {
        byte[] line = (main.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + line.length);
        while (out.size() < size) {
            out.writeBytes(line);
        }
        return out.toByteArray();
    }

    static List<Path> leavesAndContainers(JsonNode node, Path at) {
        List<Path> paths = new ArrayList<>();
        if (!at.equals(Path.ROOT)) {
            paths.add(at);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> paths.addAll(leavesAndContainers(node.get(name),
                    at.child(name))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.addAll(leavesAndContainers(node.get(i), at.child(i)));
            }
        }
        return paths;
    }

    /**
     * The request as JSON text, lone surrogates written as {@code \\uD800} escapes: Jackson writes them raw, and
     * UTF-8 cannot carry them (they would arrive as '?', a valid character).
     */
    static String jsonText(JsonNode request) {
        String text = request.toString();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String insert(String text, String inside) {
        int middle = text.length() / 2;
        return text.substring(0, middle) + inside + text.substring(middle);
    }

    static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xff01) : (char) c));
        return out.toString();
    }

    private static String mapDigits(String text, char zero) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? (char) (zero + c - '0') : (char) c));
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    /** Escapes what would garble a test report (controls, format characters, surrogates). */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || Character.isSurrogate((char) c)
                    || type == Character.LINE_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
