package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hunk walker's edge cases; the golden files show the full replies. */
class EmailFormatTest {

    // A mailer stripped the single space of the empty context lines (common with format=flowed).
    private static final String STRIPPED_DIFF = """
        --- a/kernel/events/core.c
        +++ b/kernel/events/core.c
        @@ -10,4 +10,5 @@ void perf_tp_event(void)
         \tdata.raw = &raw;

        +\trcu_read_lock();
         \tperf_trace_buf_update(record, event_type);
        -- \n\
        2.43.0
        """;

    @Test
    void findsTheLineAfterAContextLineAMailerEmptied() throws IOException {
        String mail = reply(STRIPPED_DIFF, ReportFixtures.perfRcuInNmi(12), "");
        assertThat(mail).contains("""
            > @@ -10,4 +10,5 @@ void perf_tp_event(void)
            >  \tdata.raw = &raw;
            >
            > +\trcu_read_lock();

            rcu_read_lock() in perf_tp_event()""");
        assertThat(mail).doesNotContain("outside the hunks").doesNotContain("2.43.0");
    }

    @Test
    void aLineOutsideEveryHunkIsCommentedAtTheEndOfTheFileWithItsLocation() throws IOException {
        String mail = reply(STRIPPED_DIFF, ReportFixtures.perfRcuInNmi(40), "");
        assertThat(mail).contains("> +++ b/kernel/events/core.c\n> [...]\n\nkernel/events/core.c:40:2, outside the "
            + "hunks above:\nrcu_read_lock() in perf_tp_event()");
    }

    @Test
    void noThreadingHeadersWithoutAMessageId() throws IOException {
        String mail = reply(STRIPPED_DIFF, ReportFixtures.perfRcuInNmi(12), "");
        assertThat(mail).startsWith("Subject: Re: [PATCH 1/1] perf: take RCU\n\nJane Doe <jane@example.org> "
            + "wrote:\n").doesNotContain("In-Reply-To");
    }

    @Test
    void messageIdsGetAngleBrackets() throws IOException {
        String mail = reply(STRIPPED_DIFF, ReportFixtures.perfRcuInNmi(12), "1234@example.org");
        assertThat(mail).contains("In-Reply-To: <1234@example.org>\nReferences: <1234@example.org>\n");
    }

    @Test
    void theReplysReferencesAreThePatchsThenThePatch() throws IOException {
        PatchReport patch = new PatchReport(2, 3, "perf: take RCU", "Jane Doe <jane@example.org>", "", "p2@x", "",
            List.of(ReportFixtures.perfRcuInNmi(28)), List.of(), "PATCH v3", List.of("cover@x", "v2-cover@x"));
        Report report = new Report("review", List.of("-"), List.of(), List.of(), List.of(patch), List.of(), List.of());
        StringWriter out = new StringWriter();
        new EmailFormat().write(report, ReportFixtures.options(), out);
        assertThat(out.toString()).startsWith("Subject: Re: [PATCH v3 2/3] perf: take RCU\n"
            + "In-Reply-To: <p2@x>\n"
            + "References: <cover@x>\n <v2-cover@x>\n <p2@x>\n\n");
    }

    @Test
    void theReplysSubjectKeepsTheSeriesVersionAndTags() throws IOException {
        Finding finding = ReportFixtures.perfRcuInNmi(28);
        PatchReport v2 = new PatchReport(2, 3, "perf: take RCU", "Jane Doe <jane@example.org>", "", "<m@x>", "",
            List.of(finding), List.of(), "RFC PATCH v2", List.of());
        PatchReport clean = new PatchReport(3, 3, "perf: document RCU", "Jane Doe <jane@example.org>", "", "<n@x>",
            "", List.of(), List.of(), "RFC PATCH v2", List.of());
        Report report = new Report("review", List.of("-"), List.of(), List.of(), List.of(v2, clean), List.of(),
            List.of());
        StringWriter out = new StringWriter();
        new EmailFormat().write(report, ReportFixtures.options(), out);
        assertThat(out.toString()).startsWith("Subject: Re: [RFC PATCH v2 2/3] perf: take RCU\n")
            .contains("\nno comments: [RFC PATCH v2 3/3] perf: document RCU\n");
    }

    @Test
    void wrapsProseAt72ColumnsWithoutBreakingWords() {
        String text = EmailFormat.wrap("word ".repeat(30) + "tracepoint_synchronize_unregister()", "");
        assertThat(text.lines()).allMatch(l -> l.length() <= 72);
        assertThat(text).contains("tracepoint_synchronize_unregister()");
    }

    private static String reply(String diff, Finding finding, String messageId) throws IOException {
        PatchReport patch = new PatchReport(1, 1, "perf: take RCU", "Jane Doe <jane@example.org>", "", messageId,
            diff, List.of(finding), List.of());
        Report report = new Report("review", List.of("-"), List.of(), List.of(), List.of(patch), List.of(),
            List.of());
        StringWriter out = new StringWriter();
        new EmailFormat().write(report, ReportFixtures.options(), out);
        return out.toString();
    }
}
