package dev.gdq.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes v1 records as JSON. Reading checks the schema version first, ignores unknown fields
 * (the evolution rule), and turns every Jackson failure into a {@link MalformedMessageException} that names
 * the field.
 */
public final class WireCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String SCHEDULE_TYPES = "constant, linear, cosine, power, interval, piecewise, explicit";

    private WireCodec() {
    }

    /** The mapper configured for the contract, for callers that embed records in their own JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + record.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + record.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(byte[] value, Class<T> type) throws MalformedMessageException {
        if (value == null) {
            throw new MalformedMessageException(DeadLetterReason.NOT_JSON, "", "the value is empty (null)", null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(DeadLetterReason.NOT_JSON, "", "the value is not JSON: "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(tree, type);
    }

    public static <T> T read(String value, Class<T> type) throws MalformedMessageException {
        return read(value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    public static <T> T read(JsonNode tree, Class<T> type) throws MalformedMessageException {
        if (tree == null || !tree.isObject()) {
            throw new MalformedMessageException(DeadLetterReason.NOT_JSON, "", "the value must be a JSON object", null);
        }
        checkSchemaVersion(tree);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new MalformedMessageException(DeadLetterReason.MALFORMED, pathOf(e), ruleOf(e), e);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(DeadLetterReason.MALFORMED, "", e.getOriginalMessage(), e);
        }
    }

    private static void checkSchemaVersion(JsonNode tree) throws MalformedMessageException {
        JsonNode version = tree.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new MalformedMessageException(DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion",
                    "is required", null);
        }
        if (!version.isInt() || !SchemaVersion.isSupported(version.intValue())) {
            throw new MalformedMessageException(DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion",
                    "must be " + SchemaVersion.V1 + ", got " + version, null);
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String ruleOf(JsonMappingException e) {
        if (e instanceof InvalidTypeIdException typeId) {
            return typeId.getTypeId() == null
                    ? "needs a 'type' (" + SCHEDULE_TYPES + ")"
                    : "unknown type '" + typeId.getTypeId() + "'; known: " + SCHEDULE_TYPES;
        }
        if (e instanceof InvalidFormatException format) {
            return "expected " + simpleName(format.getTargetType()) + ", got " + format.getValue();
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = mismatch.getOriginalMessage();
            if (message.startsWith("Missing required creator property")) {
                return "is required";
            }
            if (mismatch.getTargetType() != null) {
                return "expected " + simpleName(mismatch.getTargetType()) + " (" + firstLine(message) + ")";
            }
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String simpleName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
