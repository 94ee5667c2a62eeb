package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tpsync.report.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifFormatTest {

    @TempDir
    Path tree;

    @Test
    void srcRootComesFromTheFirstInputWhenItIsADirectory() throws IOException {
        JsonNode run = run(scanOf(tree.toString()), new FormatOptions(false, "1.0"));
        String uri = run.at("/originalUriBaseIds/SRCROOT/uri").asText();
        assertThat(uri).startsWith("file:///").endsWith("/");
        assertThat(Path.of(java.net.URI.create(uri))).isEqualTo(tree.toAbsolutePath());
    }

    @Test
    void noSrcRootWhenTheFirstInputIsARange() throws IOException {
        JsonNode run = run(scanOf("origin/master..HEAD"), new FormatOptions(false, "1.0"));
        assertThat(run.has("originalUriBaseIds")).isFalse();
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uriBaseId").asText())
            .isEqualTo("SRCROOT");
    }

    @Test
    void anExplicitRootGetsItsTrailingSlash() throws IOException {
        JsonNode run = run(scanOf("."), new FormatOptions(false, "1.0").withSourceRootUri("file:///src/linux"));
        assertThat(run.at("/originalUriBaseIds/SRCROOT/uri").asText()).isEqualTo("file:///src/linux/");
    }

    @Test
    void resultsPointAtTheirRuleAndCarryTheFingerprint() throws IOException {
        JsonNode run = run(ReportFixtures.oneFinding(), ReportFixtures.options());
        JsonNode result = run.at("/results/0");
        int index = result.get("ruleIndex").asInt();
        assertThat(run.at("/tool/driver/rules/" + index + "/id").asText()).isEqualTo(result.get("ruleId").asText());
        assertThat(result.at("/partialFingerprints/tpsyncFingerprint~1v1").asText())
            .isEqualTo("nmi-perf-rcu/perf_tp_event/5b1f0c7e9a2d4e83");
        JsonNode flow = result.at("/codeFlows/0/threadFlows/0/locations");
        assertThat(flow.get(0).at("/location/physicalLocation/artifactLocation/uri").asText())
            .isEqualTo("arch/x86/kernel/nmi.c");
        assertThat(flow.get(flow.size() - 1).at("/location/physicalLocation/region/startLine").asInt())
            .isEqualTo(10104);
    }

    @Test
    void theOfficialSchemaIsNotVacuous() throws IOException {
        StringWriter out = new StringWriter();
        new SarifFormat().write(ReportFixtures.oneFinding(), ReportFixtures.options(), out);
        String bad = out.toString().replace("\"level\": \"error\"", "\"level\": \"fatal\"");
        assertThatThrownBy(() -> Schemas.assertValid(Schemas.SARIF, bad)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("level");
    }

    @Test
    void pathsBecomeRelativeUriReferences() {
        assertThat(SarifFormat.relativeUri("kernel/events/core.c")).isEqualTo("kernel/events/core.c");
        assertThat(SarifFormat.relativeUri("a dir/x#1.c")).isEqualTo("a%20dir/x%231.c");
        assertThat(SarifFormat.relativeUri("drivers/\u00e4/J\u00f6rg.c")).isEqualTo("drivers/%C3%A4/J%C3%B6rg.c");
        assertThat(SarifFormat.relativeUri("drivers\\x.c")).isEqualTo("drivers/x.c");
    }

    @Test
    void ruleNamesArePascalCase() {
        assertThat(SarifFormat.pascalCase("tracepoint-unregister-sync")).isEqualTo("TracepointUnregisterSync");
    }

    private static Report scanOf(String input) {
        Report one = ReportFixtures.oneFinding();
        return new Report("scan", List.of(input), one.rules(), one.findings(), List.of(), List.of(), List.of());
    }

    private static JsonNode run(Report report, FormatOptions options) throws IOException {
        StringWriter out = new StringWriter();
        new SarifFormat().write(report, options, out);
        Schemas.assertValid(Schemas.SARIF, out.toString());
        return new ObjectMapper().readTree(out.toString()).at("/runs/0");
    }
}
