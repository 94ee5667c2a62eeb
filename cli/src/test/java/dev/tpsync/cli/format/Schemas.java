package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** The two schemas JSON output must satisfy: ours (draft 2020-12) and OASIS' SARIF 2.1.0 (draft-04). */
final class Schemas {

    static final JsonSchema TPSYNC = load("/schema/tpsync-1.schema.json", SpecVersion.VersionFlag.V202012);
    static final JsonSchema SARIF = load("/sarif-schema-2.1.0.json", SpecVersion.VersionFlag.V4);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Schemas() {
    }

    static void assertValid(JsonSchema schema, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + json, e);
        }
        Set<ValidationMessage> errors = schema.validate(node);
        assertThat(errors.stream().map(ValidationMessage::toString).collect(Collectors.toList()))
            .as("schema violations").isEmpty();
    }

    private static JsonSchema load(String resource, SpecVersion.VersionFlag version) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return JsonSchemaFactory.getInstance(version).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
