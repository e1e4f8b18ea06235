package dev.gdq.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.stream.Collectors;

/** The shipped JSON Schemas, loaded from the jar's classpath. */
final class Schemas {

    private static final String ID_PREFIX = "https://gdq.dev/schema/v1/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(ID_PREFIX, "classpath:dev/gdq/protocol/schema/v1/")));

    private Schemas() {
    }

    static Set<String> violations(String schemaName, JsonNode document) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + schemaName + ".schema.json"));
        return schema.validate(document).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
