package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes v1 records as JSON, and turns every failure into a {@link MalformedMessageException} that
 * names the field. Reading is exact about what JSON says: the value must be well-formed UTF-8 (no overlong forms,
 * no encoded surrogates), every string a sequence of Unicode scalar values (no unpaired surrogate escapes), no
 * key twice in an object, and every value of the JSON type its field declares: no scalar coercions ({@code "50"}
 * or {@code true} is not a number, {@code 5} is not a string, {@code ""} is not absent) and numbers finite (no
 * {@code "NaN"}, no {@code 1e400}). The schema version is checked first.
 *
 * <p>{@link #read} ignores unknown fields (the evolution rule, for Kafka readers); {@link #readExact} refuses
 * them, for senders that talk to this very version (the REST api), where a misspelt optional field would otherwise
 * be dropped without a word.
 */
public final class WireCodec {

    private static final ObjectMapper MAPPER = newMapper(false);
    private static final ObjectMapper EXACT = newMapper(true);

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String SCHEDULE_TYPES = "constant, linear, cosine, power, interval, piecewise, explicit";

    private WireCodec() {
    }

    private static ObjectMapper newMapper(boolean refuseUnknownFields) {
        SimpleModule finiteNumbers = new SimpleModule("gdq-finite-numbers")
                .addDeserializer(Double.class, new FiniteDouble(Double.class))
                .addDeserializer(double.class, new FiniteDouble(double.class));
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(finiteNumbers)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, refuseUnknownFields)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .annotationIntrospector(refuseUnknownFields ? new KnownFieldsOnly() : new JacksonAnnotationIntrospector())
                .build();
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
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

    /** Reads {@code value} as {@code type}, ignoring fields the record does not define (the evolution rule). */
    public static <T> T read(byte[] value, Class<T> type) throws MalformedMessageException {
        return read(MAPPER, value, type);
    }

    public static <T> T read(String value, Class<T> type) throws MalformedMessageException {
        return read(value == null ? null : value.getBytes(StandardCharsets.UTF_8), type);
    }

    public static <T> T read(JsonNode tree, Class<T> type) throws MalformedMessageException {
        return convert(MAPPER, tree, type);
    }

    /** Like {@link #read(byte[], Class)}, and a field the record does not define is an error naming it. */
    public static <T> T readExact(byte[] value, Class<T> type) throws MalformedMessageException {
        return read(EXACT, value, type);
    }

    private static <T> T read(ObjectMapper mapper, byte[] value, Class<T> type) throws MalformedMessageException {
        if (value == null) {
            throw new MalformedMessageException(DeadLetterReason.NOT_JSON, "", "the value is empty (null)", null);
        }
        String text = decodeUtf8(value);
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(DeadLetterReason.NOT_JSON, "", "the value is not JSON: "
                    + firstLine(e.getOriginalMessage()), e);
        }
        return convert(mapper, tree, type);
    }

    private static <T> T convert(ObjectMapper mapper, JsonNode tree, Class<T> type) throws MalformedMessageException {
        if (tree == null || !tree.isObject()) {
            throw new MalformedMessageException(DeadLetterReason.NOT_JSON, "", "the value must be a JSON object", null);
        }
        checkSchemaVersion(tree);
        checkScalarValues(tree, "");
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new MalformedMessageException(DeadLetterReason.MALFORMED, pathOf(e), ruleOf(e), e);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(DeadLetterReason.MALFORMED, pathOf(e), firstLine(e.getOriginalMessage()),
                    e);
        }
    }

    /**
     * Strict UTF-8 (RFC 3629): Jackson's own decoder accepts overlong forms ({@code C0 AE} as '.') and code points
     * above U+10FFFF; the JDK's refuses both, and encoded surrogates.
     */
    private static String decodeUtf8(byte[] value) throws MalformedMessageException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(value);
        try {
            String text = decoder.decode(bytes).toString();
            return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(DeadLetterReason.NOT_JSON, "", "the value is not valid UTF-8 (at byte "
                    + bytes.position() + ")", e);
        }
    }

    /** Every string and field name must be Unicode scalar values: an escaped lone surrogate cannot be stored or sent on. */
    private static void checkScalarValues(JsonNode node, String path) throws MalformedMessageException {
        if (node.isTextual()) {
            if (hasLoneSurrogate(node.textValue())) {
                throw new MalformedMessageException(DeadLetterReason.MALFORMED, path,
                        "contains an unpaired surrogate (\\uD800-\\uDFFF); strings must be valid Unicode", null);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (hasLoneSurrogate(field.getKey())) {
                    throw new MalformedMessageException(DeadLetterReason.MALFORMED, path,
                            "a field name contains an unpaired surrogate; field names must be valid Unicode", null);
                }
                checkScalarValues(field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkScalarValues(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
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

    private static String pathOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
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
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field; known here: " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", "));
        }
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
                return "expected " + simpleName(mismatch.getTargetType()) + jsonKindIn(message);
            }
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String simpleName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a finite number";
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

    /**
     * A double only from a JSON number, and a finite one: Jackson reads the strings "NaN" and "Infinity" as doubles
     * whatever the coercion settings, and a number too large for a double as infinity.
     */
    private static final class FiniteDouble extends StdScalarDeserializer<Double> {

        private final boolean primitive;

        FiniteDouble(Class<?> type) {
            super(type);
            this.primitive = type.isPrimitive();
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Double) context.handleUnexpectedToken(handledType(), parser);
            }
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw InvalidFormatException.from(parser, "not a finite number", parser.getText(), handledType());
            }
            return value;
        }

        @Override
        public Double getNullValue(DeserializationContext context) throws JsonMappingException {
            if (primitive) {
                throw MismatchedInputException.from(context.getParser(), handledType(), "a number is required, not null");
            }
            return null;
        }
    }

    /** Drops {@code ignoreUnknown} from the records' {@link JsonIgnoreProperties}, so unknown fields fail. */
    private static final class KnownFieldsOnly extends JacksonAnnotationIntrospector {

        @Override
        public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
            return super.findPropertyIgnoralByName(config, annotated).withoutIgnoreUnknown();
        }
    }

    /** ", got a string" and the like, from Jackson's message about the token it met. */
    private static String jsonKindIn(String message) {
        for (String[] kind : new String[][] {{"String value", "a string"}, {"Boolean value", "a boolean"},
                {"Array value", "an array"}, {"Object value", "an object"}, {"Integer value", "an integer"},
                {"Floating-point value", "a number"}, {"null", "null"}}) {
            if (message.contains(kind[0])) {
                return ", got " + kind[1];
            }
        }
        return " (" + firstLine(message) + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
