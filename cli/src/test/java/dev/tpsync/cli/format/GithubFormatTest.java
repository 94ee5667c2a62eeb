package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escaping as @actions/core's command.ts does it; a raw newline would start a new command. */
class GithubFormatTest {

    @Test
    void dataEscapesPercentCarriageReturnAndNewlineOnly() {
        assertThat(GithubFormat.escapeData("100% a:b,c\r\nd")).isEqualTo("100%25 a:b,c%0D%0Ad");
    }

    @Test
    void propertiesAlsoEscapeColonAndComma() {
        assertThat(GithubFormat.escapeProperty("100% a:b,c\r\nd")).isEqualTo("100%25 a%3Ab%2Cc%0D%0Ad");
    }

    @Test
    void percentIsEscapedFirstSoEscapesAreNotDoubled() {
        assertThat(GithubFormat.escapeData("%0A")).isEqualTo("%250A");
        assertThat(GithubFormat.escapeProperty("%3A")).isEqualTo("%253A");
    }

    @Test
    void oneLinePerFindingWithEscapedFileAndJoinedEvidence() throws IOException {
        Finding finding = new Finding("nmi-perf-rcu", Severity.NOTE, Confidence.LOW, "dir,a:b/x%.c", 3, 0,
            "f", "first\nsecond: 5%, done\r", List.of(new EvidenceHop("a.c", 1, "exc_nmi", "entry")), "fix it",
            "fp");
        Report report = new Report("scan", List.of("."), List.of(), List.of(finding), List.of(), List.of(),
            List.of());
        StringWriter out = new StringWriter();
        new GithubFormat().write(report, ReportFixtures.options(), out);
        assertThat(out.toString()).isEqualTo(
            "::notice file=dir%2Ca%3Ab/x%25.c,line=3,title=nmi-perf-rcu::first%0Asecond: 5%25, done%0D"
                + "%0Afrom exc_nmi (a.c:1): entry%0Asuggestion: fix it\n");
    }
}
