package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchSeriesReaderTest {

    private static final String BASE = "4964b0c5891f052ff2f11c4c7fa6325d01aeada8";
    private static final List<String> SUBJECTS = List.of(
            "tracing/foo: take rcu_read_lock around the NMI tracepoint",
            "tracing/foo: emit the idle event before entering idle",
            "tracing/foo: add the foo_init event");

    @Test
    void formatPatchDirectoryWithCoverLetter() {
        PatchSeries s = PatchSeriesReader.read(Fixtures.path("series-foo"));
        assertThat(s.patches()).extracting(Patch::subject).containsExactlyElementsOf(SUBJECTS);
        assertThat(s.patches()).extracting(Patch::index).containsExactly(1, 2, 3);
        assertThat(s.patches()).extracting(Patch::total).containsOnly(3);
        assertThat(s.notes()).containsExactly("skipped cover letter 'tracing/foo: fix RCU usage around foo tracepoints'");
        assertThat(s.baseCommit()).contains(BASE);
        Patch first = s.patches().get(0);
        assertThat(first.rawSubject()).isEqualTo("[PATCH v3 1/3] " + SUBJECTS.get(0));
        assertThat(first.author()).isEqualTo("Steven Rostedt <rostedt@goodmis.org>");
        assertThat(first.commitId()).isEqualTo("a14f71ed914e5acc22fc268cf39ba786230b978c");
        assertThat(first.messageId()).isEmpty();
        assertThat(first.message()).startsWith("The foo_nmi tracepoint is called from NMI context.")
                .endsWith("Signed-off-by: Steven Rostedt <rostedt@goodmis.org>");
        assertThat(first.diffText()).startsWith("diff --git a/kernel/trace/foo.c b/kernel/trace/foo.c\n")
                .doesNotContain("2.39.5");
        assertThat(first.files()).extracting(FilePatch::path).containsExactly("kernel/trace/foo.c");
        assertThat(s.patches().get(2).files()).extracting(FilePatch::path)
                .containsExactly("include/trace/events/foo.h", "kernel/trace/foo.c");
    }

    @Test
    void singleFormatPatchFile() {
        PatchSeries s = PatchSeriesReader.read(Fixtures.path("series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch"));
        assertThat(s.patches()).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(2);
            assertThat(p.total()).isEqualTo(3);
            assertThat(p.subject()).isEqualTo(SUBJECTS.get(1));
        });
        Path f = Fixtures.path("series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch");
        assertThat(s.notes()).containsExactly("patch 1/3 is missing from " + f, "patch 3/3 is missing from " + f);
        assertThat(s.baseCommit()).isEmpty();
    }

    @Test
    void archiveMboxIsSortedAndUnescaped() {
        PatchSeries s = PatchSeriesReader.read(Fixtures.path("lore-thread.mbox"));
        assertThat(s.patches()).extracting(Patch::subject).containsExactlyElementsOf(SUBJECTS);
        assertThat(s.patches()).extracting(Patch::messageId).containsExactly(
                "20240505100000.1-1-rostedt@goodmis.org", "20240505100000.1-2-rostedt@goodmis.org",
                "20240505100000.1-3-rostedt@goodmis.org");
        // In-Reply-To alone names the thread when there is no References header.
        assertThat(s.patches()).allSatisfy(p -> assertThat(p.references())
                .containsExactly("20240505100000.1-0-rostedt@goodmis.org"));
        assertThat(s.patches().get(0).message()).contains("\nFrom the NMI handler, RCU may not be watching.");
        assertThat(s.patches().get(1).author()).isEqualTo("Fr\u00e9d\u00e9ric Weisbecker <frederic@kernel.org>");
        assertThat(s.patches()).allSatisfy(p -> assertThat(p.commitId()).isEmpty());
        assertThat(s.notes()).containsExactly(
                "skipped cover letter 'tracing/foo: fix RCU usage around foo tracepoints'",
                "skipped message without a diff: 'Re: [PATCH v3 2/3] tracing/foo: emit the idle event before entering idle'");
        assertThat(s.baseCommit()).contains(BASE);
    }

    @Test
    void aFoldedReferencesHeaderNamesTheThreadOldestFirst() {
        String patch = Fixtures.text("series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch");
        int body = patch.indexOf("\n\n");
        String threaded = patch.substring(0, body) + "\nMessage-ID: <v3-2@goodmis.org>\n"
                + "In-Reply-To: <v3-0@goodmis.org>\n"
                + "References: <v2-0@goodmis.org>\n\t<v3-0@goodmis.org>" + patch.substring(body);
        PatchSeries s = PatchSeriesReader.read("v3-2.patch", threaded.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(s.patches()).singleElement().satisfies(p -> {
            assertThat(p.messageId()).isEqualTo("v3-2@goodmis.org");
            assertThat(p.references()).containsExactly("v2-0@goodmis.org", "v3-0@goodmis.org");
        });
    }

    @Test
    void aReplyWithASuggestedDiffIsSkippedWithANote() {
        String patch = Fixtures.text("series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch");
        int diff = patch.indexOf("diff --git ");
        String reply = "From nobody Mon Sep 17 00:00:00 2001\n"
                + "From: Mathieu Desnoyers <mathieu.desnoyers@efficios.com>\n"
                + "Subject: Re: [PATCH v3 2/3] " + SUBJECTS.get(1) + "\n"
                + "Message-ID: <reply-1@efficios.com>\n\n"
                + "How about this instead?\n\n" + patch.substring(diff);
        String mbox = patch + "\n" + reply;
        PatchSeries s = PatchSeriesReader.read("thread.mbox", mbox.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(s.patches()).singleElement().satisfies(p -> assertThat(p.subject()).isEqualTo(SUBJECTS.get(1)));
        assertThat(s.notes()).contains("skipped reply 'Re: [PATCH v3 2/3] " + SUBJECTS.get(1) + "'");
    }

    @Test
    void anEmptyFileInADirectoryOfPatchesIsSkippedWithANote(@TempDir Path dir) throws Exception {
        // git format-patch writes an empty commit (b4's cover-letter commit) as an empty file.
        Files.writeString(dir.resolve("0001-cover.patch"), "");
        Files.writeString(dir.resolve("0002-x.patch"), Fixtures.text("plain.diff"), StandardCharsets.ISO_8859_1);
        PatchSeries s = PatchSeriesReader.read(dir);
        assertThat(s.patches()).hasSize(1);
        assertThat(s.notes()).contains("skipped empty file 0001-cover.patch");
        // Alone, it is still an error.
        Files.delete(dir.resolve("0002-x.patch"));
        assertThatThrownBy(() -> PatchSeriesReader.read(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void unescapedFromLineInBodyDoesNotSplitTheMbox() {
        String mbox = Fixtures.text("crlf.mbox").replace("\r\n", "\n").replace(
                "Wrap it in\nrcu_read_lock() so the probe sees a consistent state.\n",
                "Wrap it in\nrcu_read_lock() so the probe sees a consistent state.\n\nFrom v6.8 on this is needed.\n"
                        + "Fixes: 0123456789ab (\"tracing: add foo events\")\n");
        PatchSeries s = PatchSeriesReader.read("stdin", mbox.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(s.patches()).hasSize(3);
        assertThat(s.patches().get(0).message()).contains("\nFrom v6.8 on this is needed.\nFixes: 0123456789ab");
    }

    @Test
    void b4AmOutput() {
        PatchSeries s = PatchSeriesReader.read(Fixtures.path("b4-am.mbx"));
        assertThat(s.patches()).extracting(Patch::subject).containsExactlyElementsOf(SUBJECTS);
        assertThat(s.patches().get(2).message()).endsWith(
                "Link: https://lore.kernel.org/r/20240505100000.1-3-rostedt@goodmis.org");
        assertThat(s.patches().get(0).files()).hasSize(1);
    }

    @Test
    void crlfMboxReadsLikeLf() {
        PatchSeries crlf = PatchSeriesReader.read(Fixtures.path("crlf.mbox"));
        PatchSeries lf = PatchSeriesReader.read(Fixtures.path("series-foo"));
        assertThat(crlf.patches()).extracting(Patch::subject).containsExactlyElementsOf(SUBJECTS);
        assertThat(crlf.patches()).extracting(Patch::diffText)
                .containsExactlyElementsOf(lf.patches().stream().map(Patch::diffText).toList());
        assertThat(crlf.patches().get(0).commitId()).isEqualTo("a14f71ed914e5acc22fc268cf39ba786230b978c");
    }

    @Test
    void rfc2047SubjectAndLatin1QuotedFrom() {
        Patch p = PatchSeriesReader.read(Fixtures.path("rfc2047-subject.patch")).patches().get(0);
        assertThat(p.subject()).isEqualTo("tracing/foo: add the foo_init event (Zo\u00eb\u2019s request)");
        assertThat(p.rawSubject()).isEqualTo("[PATCH] tracing/foo: add the foo_init event (Zo\u00eb\u2019s request)");
        assertThat(p.author()).isEqualTo("Andr\u00e9 M\u00fcller <andre@example.org>");
        assertThat(p.index()).isEqualTo(1);
        assertThat(p.total()).isEqualTo(1);
    }

    @Test
    void encodedWordsSplitInsideACharacter() {
        // "é" is C3 A9; the two bytes land in two encoded words
        assertThat(EncodedWords.decode("=?UTF-8?Q?Andr=C3?= =?UTF-8?Q?=A9?= x")).isEqualTo("Andr\u00e9 x");
        assertThat(EncodedWords.decode("a =?utf-8?b?w6k=?= b")).isEqualTo("a \u00e9 b");
        assertThat(EncodedWords.decode("=?x-unknown?Q?abc?=")).isEqualTo("=?x-unknown?Q?abc?=");
    }

    @Test
    void quotedPrintableBody() {
        Patch p = PatchSeriesReader.read(Fixtures.path("qp-body.eml")).patches().get(0);
        assertThat(p.messageId()).isEqualTo("qp-1@example.org");
        assertThat(p.message()).contains("consistent state (a = b, \u201cquoted\u201d).");
        PatchSeries lf = PatchSeriesReader.read(Fixtures.path("series-foo"));
        assertThat(p.diffText()).isEqualTo(lf.patches().get(0).diffText());
    }

    @Test
    void base64BodyAndRfcPrefix() {
        Patch p = PatchSeriesReader.read(Fixtures.path("base64-body.eml")).patches().get(0);
        assertThat(p.subject()).isEqualTo(SUBJECTS.get(1));
        assertThat(p.index()).isEqualTo(2);
        assertThat(p.total()).isEqualTo(3);
        assertThat(p.files().get(0).hunks().get(0).lines()).hasSize(9);
    }

    @Test
    void multipartWithDiffAttachment() {
        Patch p = PatchSeriesReader.read(Fixtures.path("multipart.eml")).patches().get(0);
        assertThat(p.index()).isEqualTo(2);
        assertThat(p.total()).isEqualTo(10);
        assertThat(p.message()).startsWith("trace_foo_idle() was called").doesNotContain("diff --git")
                .contains("trace_foo_idle() was called while RCU is not watching.");
        assertThat(p.files()).extracting(FilePatch::path).containsExactly("kernel/trace/foo.c");
    }

    @Test
    void htmlAlternativeIsIgnored() {
        String diff = "diff --git a/kernel/x.c b/kernel/x.c\n--- a/kernel/x.c\n+++ b/kernel/x.c\n@@ -1 +1 @@\n-a\n+b\n";
        String mail = "From: A <a@example.org>\nSubject: [PATCH] x: y\nContent-Type: multipart/alternative; boundary=zz\n\n"
                + "--zz\nContent-Type: text/plain\n\nmsg\n---\n" + diff
                + "--zz\nContent-Type: text/html\n\n<pre>\n" + diff + "</pre>\n--zz--\n";
        Patch p = PatchSeriesReader.read("x.eml", mail.getBytes(StandardCharsets.US_ASCII)).patches().get(0);
        assertThat(p.files()).hasSize(1);
        assertThat(p.message()).isEqualTo("msg");
    }

    @Test
    void plainAndQuiltDiffs() {
        PatchSeries plain = PatchSeriesReader.read(Fixtures.path("plain.diff"));
        assertThat(plain.patches()).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("plain.diff");
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.author()).isEmpty();
            assertThat(p.files()).extracting(FilePatch::path).containsExactly("foo.c");
        });
        Patch quilt = PatchSeriesReader.read(Fixtures.path("quilt.diff")).patches().get(0);
        assertThat(quilt.subject()).isEqualTo("tracing/foo: count NMI events after the tracepoint");
        assertThat(quilt.files()).extracting(FilePatch::path).containsExactly("kernel/trace/foo.c");
    }

    @Test
    void stdinBytes() {
        byte[] diff = "--- a/kernel/x.c\n+++ b/kernel/x.c\n@@ -1 +1 @@\n-a\n+b\n".getBytes(StandardCharsets.UTF_8);
        PatchSeries s = PatchSeriesReader.read("-", diff);
        assertThat(s.patches()).singleElement().extracting(Patch::subject).isEqualTo("standard input");
    }

    @Test
    void subjectPrefixes() {
        assertThat(SubjectLine.parse("[PATCH v3 2/7] mm: foo")).isEqualTo(
                new SubjectLine("mm: foo", java.util.Optional.of(2), java.util.Optional.of(7)));
        assertThat(SubjectLine.parse("[RFC PATCH 1/3] mm: foo").index()).contains(1);
        assertThat(SubjectLine.parse("[PATCH net-next 02/10] net: bar")).isEqualTo(
                new SubjectLine("net: bar", java.util.Optional.of(2), java.util.Optional.of(10)));
        assertThat(SubjectLine.parse("Re: [PATCH] [media] x").summary()).isEqualTo("x");
        assertThat(SubjectLine.parse("tracing: no tag").index()).isEmpty();
        // The tag's words without the number: what a reply to the mail says after "Re: ".
        assertThat(SubjectLine.tagOf("[RFC PATCH v2 2/3] perf: take RCU")).isEqualTo("RFC PATCH v2");
        assertThat(SubjectLine.tagOf("[PATCH net-next v3 01/12] x")).isEqualTo("PATCH net-next v3");
        assertThat(SubjectLine.tagOf("[PATCH] x")).isEqualTo("PATCH");
        assertThat(SubjectLine.tagOf("sched/idle: a commit's subject")).isEqualTo("PATCH");
    }

    @Test
    void emptyInput() {
        assertThatThrownBy(() -> PatchSeriesReader.read(Fixtures.path("empty.patch")))
                .isInstanceOf(InputException.class)
                .hasMessage(Fixtures.path("empty.patch")
                        + " is empty: expected git format-patch output, an mbox or a unified diff");
        assertThatThrownBy(() -> PatchSeriesReader.read("-", new byte[0]))
                .hasMessage("standard input is empty: expected git format-patch output, an mbox or a unified diff");
    }

    @Test
    void mailWithoutPatch() {
        assertThatThrownBy(() -> PatchSeriesReader.read(Fixtures.path("no-patch.eml")))
                .isInstanceOf(InputException.class)
                .hasMessage("no patch found in " + Fixtures.path("no-patch.eml")
                        + ": expected git format-patch output, an mbox or a unified diff");
        assertThatThrownBy(() -> PatchSeriesReader.read("notes.txt", "just some text\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("no patch found in notes.txt: expected git format-patch output, an mbox or a unified diff");
    }

    @Test
    void truncatedMbox() {
        Path f = Fixtures.path("corrupt-truncated.mbox");
        assertThatThrownBy(() -> PatchSeriesReader.read(f))
                .isInstanceOf(InputException.class)
                .hasMessage("corrupt mbox " + f + ": message 2 ends inside its headers; the file was truncated or"
                        + " damaged, save the thread again (e.g. with b4 mbox)");
    }

    @Test
    void badHeaderLineInMbox() {
        String mbox = Fixtures.text("b4-am.mbx").replace("Date: Sat, 4 May 2024 10:00:00 +0000\n",
                "Date: Sat, 4 May 2024 10:00:00 +0000\nthis line was pasted into the headers\n");
        assertThatThrownBy(() -> PatchSeriesReader.read("b4.mbx", mbox.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(InputException.class)
                .hasMessage("corrupt mbox b4.mbx: message 3 has a bad header line 'this line was pasted into the"
                        + " headers'; the file was truncated or damaged, save the thread again (e.g. with b4 mbox)");
    }

    @Test
    void binaryGarbage() {
        Path f = Fixtures.path("garbage.bin");
        assertThatThrownBy(() -> PatchSeriesReader.read(f))
                .isInstanceOf(InputException.class)
                .hasMessage(f + " is not a patch: it contains binary data; expected git format-patch output, an mbox"
                        + " or a unified diff");
    }

    @Test
    void garbledDiffInMail() {
        Path f = Fixtures.path("garbled-hunk.patch");
        assertThatThrownBy(() -> PatchSeriesReader.read(f))
                .isInstanceOf(InputException.class)
                .hasMessage("patch (tracing/foo: take rcu_read_lock around the NMI tracepoint) in " + f
                        + ": malformed diff: kernel/trace/foo.c hunk #1 (@@ -21,7 +21,9 @@) has 6 old and 8 new lines"
                        + " where its header says 7 and 9; the patch was truncated or mangled (line wrapping, whitespace)");
    }

    @Test
    void nonUtf8Subject() {
        Path f = Fixtures.path("non-utf8-subject.patch");
        assertThatThrownBy(() -> PatchSeriesReader.read(f))
                .isInstanceOf(InputException.class)
                .hasMessage(f + ": subject is not valid UTF-8; save the mail as UTF-8 or with RFC 2047 encoded headers");
    }

    @Test
    void missingFileAndDirectoryWithoutPatches(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README"), "nothing here\n");
        assertThatThrownBy(() -> PatchSeriesReader.read(dir))
                .isInstanceOf(InputException.class)
                .hasMessage("no patch files in " + dir
                        + ": expected *.patch, *.diff, *.eml or numbered files from git format-patch");
        Path missing = dir.resolve("nope.patch");
        assertThatThrownBy(() -> PatchSeriesReader.read(missing))
                .hasMessage("cannot read " + missing
                        + ": no such file; give a patch file, a directory of patches or - for standard input");
    }

    @Test
    void duplicateNumbersAndMissingPatches(@TempDir Path dir) throws Exception {
        String p2 = Fixtures.text("series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch");
        Files.writeString(dir.resolve("0002-a.patch"), p2, StandardCharsets.ISO_8859_1);
        PatchSeries s = PatchSeriesReader.read(dir);
        assertThat(s.patches()).extracting(Patch::index, Patch::total).containsExactly(org.assertj.core.groups.Tuple.tuple(2, 3));
        Files.writeString(dir.resolve("0003-b.patch"),
                Fixtures.text("series-foo/v3-0003-tracing-foo-add-the-foo_init-event.patch"), StandardCharsets.ISO_8859_1);
        assertThat(PatchSeriesReader.read(dir).notes()).containsExactly("patch 1/3 is missing from " + dir);
        Files.writeString(dir.resolve("0001-x.patch"), Fixtures.text("plain.diff"), StandardCharsets.ISO_8859_1);
        assertThat(PatchSeriesReader.read(dir).patches()).extracting(Patch::index, Patch::total).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 3), org.assertj.core.groups.Tuple.tuple(2, 3),
                org.assertj.core.groups.Tuple.tuple(3, 3));
        Files.delete(dir.resolve("0001-x.patch"));
        Files.writeString(dir.resolve("0004-c.patch"), p2, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> PatchSeriesReader.read(dir))
                .isInstanceOf(InputException.class)
                .hasMessage(dir + " has two patches numbered 2/3 ('[PATCH v3 2/3] " + SUBJECTS.get(1) + "' and '[PATCH v3"
                        + " 2/3] " + SUBJECTS.get(1) + "'); keep one of them");
    }

    @Test
    void aThreadWithTwoVersionsOfTheSeriesIsReviewedAtTheNewest() {
        String v3 = String.join("", List.of(
                Fixtures.text("series-foo/v3-0001-tracing-foo-take-rcu_read_lock-around-the-NMI-tra.patch"),
                Fixtures.text("series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch"),
                Fixtures.text("series-foo/v3-0003-tracing-foo-add-the-foo_init-event.patch")));
        String v2 = String.join("", List.of(
                Fixtures.text("series-foo/v3-0001-tracing-foo-take-rcu_read_lock-around-the-NMI-tra.patch"),
                Fixtures.text("series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch")))
                .replace("[PATCH v3 1/3]", "[PATCH v2 1/2]").replace("[PATCH v3 2/3]", "[PATCH v2 2/2]");
        PatchSeries s = PatchSeriesReader.read("thread.mbox", (v2 + v3).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(s.patches()).extracting(Patch::rawSubject).allMatch(r -> r.startsWith("[PATCH v3 "));
        assertThat(s.patches()).extracting(Patch::index, Patch::total).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 3), org.assertj.core.groups.Tuple.tuple(2, 3),
                org.assertj.core.groups.Tuple.tuple(3, 3));
        assertThat(s.notes()).containsExactly("reviewing v3 of the series; skipped 2 patches of v2");
    }

    @Test
    void anEmptyFormatPatchFileIsNotAMissingPatch(@TempDir Path dir) throws Exception {
        // b4's cover-letter commit, empty, is 0001 of the range git format-patch was given.
        Files.writeString(dir.resolve("0001-cover.patch"), "");
        Files.writeString(dir.resolve("0002-a.patch"), Fixtures.text(
                "series-foo/v3-0002-tracing-foo-emit-the-idle-event-before-entering-i.patch").replace("2/3]", "2/4]"),
                StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("0003-b.patch"), Fixtures.text(
                "series-foo/v3-0003-tracing-foo-add-the-foo_init-event.patch").replace("3/3]", "3/4]"),
                StandardCharsets.ISO_8859_1);
        assertThat(PatchSeriesReader.read(dir).notes()).containsExactly("skipped empty file 0001-cover.patch",
                "patch 4/4 is missing from " + dir);
        // git format-patch -v3 names them v3-0001-...
        Files.move(dir.resolve("0001-cover.patch"), dir.resolve("v3-0001-cover.patch"));
        assertThat(PatchSeriesReader.read(dir).notes()).containsExactly("skipped empty file v3-0001-cover.patch",
                "patch 4/4 is missing from " + dir);
    }
}
