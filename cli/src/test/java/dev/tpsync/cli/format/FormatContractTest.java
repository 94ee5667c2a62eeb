package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every format keeps (STYLE.md): for the empty report, one finding, many (with
 * evidence chains and characters that need escaping), a three-patch review and a report with
 * notes, the output equals its golden file; JSON and SARIF output also satisfy their schema;
 * and a format is a pure function of the report.
 */
class FormatContractTest {

    private static final Map<String, String> EXTENSIONS = Map.of(
        "text", "txt", "json", "json", "sarif", "sarif", "github", "txt", "email", "txt");

    static List<Arguments> formatsAndCases() {
        List<Arguments> all = new ArrayList<>();
        for (OutputFormat format : OutputFormats.all()) {
            for (ReportFixtures.Case c : ReportFixtures.cases()) {
                all.add(Arguments.of(format.name(), c));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndCases")
    void matchesGoldenFile(String formatName, ReportFixtures.Case c) throws IOException {
        String output = render(formatName, c);
        GoldenFiles.assertMatches(formatName + "/" + c.name() + "." + EXTENSIONS.get(formatName), output);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndCases")
    void isDeterministicAndWellFormed(String formatName, ReportFixtures.Case c) throws IOException {
        String output = render(formatName, c);
        assertThat(render(formatName, c)).isEqualTo(output);
        assertThat(output).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(output).as("ends with a newline unless empty").matches(s -> s.isEmpty() || s.endsWith("\n"));
        switch (formatName) {
            case "json" -> Schemas.assertValid(Schemas.TPSYNC, output);
            case "sarif" -> Schemas.assertValid(Schemas.SARIF, output);
            case "github" -> assertThat(output.lines()).allMatch(l -> l.startsWith("::"));
            default -> {
            }
        }
    }

    private static String render(String formatName, ReportFixtures.Case c) throws IOException {
        StringWriter out = new StringWriter();
        OutputFormats.byName(formatName).write(c.report(), ReportFixtures.options(), out);
        return out.toString();
    }
}
