package dev.tpsync.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertThat(mail).startsWith("Subject: Re: [PATCH] perf: take RCU\n" + MIME + "\nJane Doe <jane@example.org> "
            + "wrote:\n").doesNotContain("In-Reply-To");
    }

    @Test
    void theReplysSubjectIsThePatchMailsAsSent() throws IOException {
        // git format-patch -1 --subject-prefix="PATCH RFC net-next": one patch, no number.
        PatchReport patch = new PatchReport(1, 1, "p1 add sync", "Jane Doe <jane@example.org>", "", "", "",
            List.of(ReportFixtures.perfRcuInNmi(28)), List.of(), "PATCH RFC net-next", List.of(),
            "[PATCH RFC net-next] p1 add sync");
        PatchReport plain = new PatchReport(1, 1, "x", "Jane Doe <jane@example.org>", "", "", "",
            List.of(ReportFixtures.perfRcuInNmi(28)), List.of(), "PATCH", List.of(), "[PATCH] x");

        assertThat(write(patch)).startsWith("Subject: Re: [PATCH RFC net-next] p1 add sync\n");
        assertThat(write(plain)).startsWith("Subject: Re: [PATCH] x\n");
    }

    @Test
    void aNonAsciiSubjectIsWrittenAsEncodedWordsWithinTheLineLimit() throws IOException {
        String subject = "[PATCH v2 1/2] perf: réveiller les lecteurs après la période de grâce, pour Jürgen "
            + "Groß et 李四";
        PatchReport patch = new PatchReport(1, 2, "perf", "Jürgen Groß <jg@example.org>", "", "", "",
            List.of(ReportFixtures.perfRcuInNmi(28)), List.of(), "PATCH v2", List.of(), subject);

        String mail = write(patch);
        String header = mail.substring(0, mail.indexOf("\nMIME-Version: ") + 1);

        assertThat(header).startsWith("Subject: =?UTF-8?q?Re=3A_=5BPATCH_v2_1/2=5D_perf=3A_r=C3=A9veiller");
        assertThat(header.lines()).hasSizeGreaterThan(1).allMatch(l -> l.length() <= 76)
            .allMatch(l -> l.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
        assertThat(decoded(header.substring("Subject: ".length()))).isEqualTo("Re: " + subject);
        assertThat(mail).contains("\n" + MIME + "\nJürgen Groß <jg@example.org> wrote:\n");
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
            + "References: <cover@x>\n <v2-cover@x>\n <p2@x>\n" + MIME + "\n");
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

    private static final String MIME = "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
        + "Content-Transfer-Encoding: 8bit\n";

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?q\\?([^?]*)\\?=");

    /** What a mail reader shows of a header value of Q encoded-words (folding whitespace between them dropped). */
    private static String decoded(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher word = ENCODED_WORD.matcher(value);
        int end = 0;
        while (word.find()) {
            assertThat(value.substring(end, word.start())).isBlank();
            String text = word.group(1);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '=') {
                    bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(c == '_' ? ' ' : c);
                }
            }
            end = word.end();
        }
        assertThat(value.substring(end)).isBlank();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String write(PatchReport patch) throws IOException {
        Report report = new Report("review", List.of("-"), List.of(), List.of(), List.of(patch), List.of(), List.of());
        StringWriter out = new StringWriter();
        new EmailFormat().write(report, ReportFixtures.options(), out);
        return out.toString();
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
