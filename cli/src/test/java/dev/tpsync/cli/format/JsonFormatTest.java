package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The schema is only worth validating against if it rejects what consumers must not see. */
class JsonFormatTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void schemaRejectsAScanWithoutFindingsOrWithPatches() throws IOException {
        ObjectNode scan = render();
        scan.remove("findings");
        assertThatThrownBy(() -> Schemas.assertValid(Schemas.TPSYNC, scan.toString())).isInstanceOf(AssertionError.class);
        ObjectNode both = render();
        both.putArray("patches");
        assertThatThrownBy(() -> Schemas.assertValid(Schemas.TPSYNC, both.toString())).isInstanceOf(AssertionError.class);
    }

    @Test
    void schemaRejectsUnknownSeverityAndExtraFields() throws IOException {
        ObjectNode doc = render();
        ((ObjectNode) doc.at("/findings/0")).put("severity", "fatal");
        assertThatThrownBy(() -> Schemas.assertValid(Schemas.TPSYNC, doc.toString())).isInstanceOf(AssertionError.class);
        ObjectNode extra = render();
        ((ObjectNode) extra.at("/findings/0")).put("lineNumber", 3);
        assertThatThrownBy(() -> Schemas.assertValid(Schemas.TPSYNC, extra.toString())).isInstanceOf(AssertionError.class);
    }

    @Test
    void fieldsComeInTheDocumentedOrder() throws IOException {
        ObjectNode doc = render();
        assertThat(doc.fieldNames()).toIterable()
            .containsExactly("schema", "tool", "mode", "inputs", "notes", "findings", "summary");
        assertThat(doc.at("/findings/0").fieldNames()).toIterable().containsExactly("rule", "severity",
            "confidence", "file", "line", "column", "function", "message", "evidence", "suggestion", "fingerprint");
    }

    private static ObjectNode render() throws IOException {
        StringWriter out = new StringWriter();
        new JsonFormat().write(ReportFixtures.oneFinding(), ReportFixtures.options(), out);
        return (ObjectNode) MAPPER.readTree(out.toString());
    }
}
