package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import dev.tpsync.patch.FilePatch.Content;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffParserTest {

    @Test
    void parsesGitDiffWithTwoFiles() {
        List<FilePatch> files = UnifiedDiffParser.parse(Fixtures.text("series-foo/v3-0003-tracing-foo-add-the-foo_init-event.patch"));
        assertThat(files).extracting(FilePatch::path).containsExactly("include/trace/events/foo.h", "kernel/trace/foo.c");
        FilePatch header = files.get(0);
        assertThat(header.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(header.oldPath()).isEqualTo("include/trace/events/foo.h");
        Hunk h = header.hunks().get(0);
        assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount)
                .containsExactly(15, 6, 15, 14);
        assertThat(h.sectionHeading()).isEqualTo("TRACE_EVENT(foo_nmi,");
        assertThat(h.lines().get(0)).isEqualTo(new HunkLine(' ', "\tTP_printk(\"cpu=%d\", __entry->cpu)", false));
        assertThat(h.lines().get(3)).isEqualTo(new HunkLine('+', "TRACE_EVENT(foo_init,", false));
        assertThat(header.addedLines()).isEqualTo(8);
        assertThat(files.get(1).addedLines()).isEqualTo(1);
        // the "-- " signature after the last hunk is not a removed line
        assertThat(files.get(1).hunks()).hasSize(1);
    }

    @Test
    void newDeleteRenameCopyAndModes() {
        String diff = """
                diff --git a/kernel/trace/new.c b/kernel/trace/new.c
                new file mode 100644
                index 0000000..e69de29
                --- /dev/null
                +++ b/kernel/trace/new.c
                @@ -0,0 +1,2 @@
                +int x;
                +int y;
                diff --git a/kernel/trace/old.c b/kernel/trace/old.c
                deleted file mode 100644
                index e69de29..0000000
                --- a/kernel/trace/old.c
                +++ /dev/null
                @@ -1 +0,0 @@
                -int z;
                diff --git a/kernel/a.c b/kernel/b.c
                similarity index 90%
                rename from kernel/a.c
                rename to kernel/b.c
                index 1111111..2222222 100644
                --- a/kernel/a.c
                +++ b/kernel/b.c
                @@ -1,2 +1,2 @@
                 int a;
                -int b;
                +int c;
                diff --git a/kernel/c.c b/kernel/d.c
                similarity index 100%
                copy from kernel/c.c
                copy to kernel/d.c
                diff --git a/scripts/x.sh b/scripts/x.sh
                old mode 100644
                new mode 100755
                diff --git a/fw.bin b/fw.bin
                index 1111111..2222222 100644
                Binary files a/fw.bin and b/fw.bin differ
                diff --git a/kernel/cr.c b/kernel/cr.c
                index 3333333..4444444 100644
                --- a/kernel/cr.c
                +++ b/kernel/cr.c
                Binary files differ
                """;
        List<FilePatch> files = UnifiedDiffParser.parse(diff);
        assertThat(files).extracting(FilePatch::oldPath, FilePatch::newPath, FilePatch::type, FilePatch::binary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/dev/null", "kernel/trace/new.c", ChangeType.ADD, false),
                        org.assertj.core.groups.Tuple.tuple("kernel/trace/old.c", "/dev/null", ChangeType.DELETE, false),
                        org.assertj.core.groups.Tuple.tuple("kernel/a.c", "kernel/b.c", ChangeType.RENAME, false),
                        org.assertj.core.groups.Tuple.tuple("kernel/c.c", "kernel/d.c", ChangeType.COPY, false),
                        org.assertj.core.groups.Tuple.tuple("scripts/x.sh", "scripts/x.sh", ChangeType.MODIFY, false),
                        org.assertj.core.groups.Tuple.tuple("fw.bin", "fw.bin", ChangeType.MODIFY, true),
                        // JGit's way: the names, then the line (a C file with a NUL or a lone CR).
                        org.assertj.core.groups.Tuple.tuple("kernel/cr.c", "kernel/cr.c", ChangeType.MODIFY, true));
        assertThat(files.get(1).path()).isEqualTo("kernel/trace/old.c");
        assertThat(files.get(1).hunks().get(0).oldCount()).isEqualTo(1);
        assertThat(files.get(3).hunks()).isEmpty();
    }

    @Test
    void aPathOutsideAsciiIsTheRepositorysUtf8NameQuotedOrNot() {
        // The diff as tpsync reads it: byte for byte, so UTF-8 "ü" is the two chars \u00c3\u00bc.
        String raw = "\u00c3\u00bc";
        String diff = """
                diff --git "a/kernel/sched/\\303\\274.c" "b/kernel/sched/\\303\\274.c"
                new file mode 100644
                index 0000000..e69de29
                --- /dev/null
                +++ "b/kernel/sched/\\303\\274.c"
                @@ -0,0 +1 @@
                +int x;
                diff --git a/drivers/RAW.c b/drivers/RAW.c
                new file mode 100644
                index 0000000..e69de29
                --- /dev/null
                +++ b/drivers/RAW.c
                @@ -0,0 +1 @@
                +int y;
                diff --git a/drivers/latin\u00e9.c b/drivers/latin\u00e9.c
                new file mode 100644
                index 0000000..e69de29
                --- /dev/null
                +++ b/drivers/latin\u00e9.c
                @@ -0,0 +1 @@
                +int z;
                """.replace("RAW", raw);
        assertThat(UnifiedDiffParser.parse(diff)).extracting(FilePatch::path).containsExactly(
                "kernel/sched/\u00fc.c", "drivers/\u00fc.c", "drivers/latin\u00e9.c");
    }

    @Test
    void aSymbolicLinksTargetIsAReferenceNotText() {
        String diff = """
                diff --git a/include/dt-bindings/clock/soc.h b/include/dt-bindings/clock/soc.h
                index 1111111..2222222 120000
                --- a/include/dt-bindings/clock/soc.h
                +++ b/include/dt-bindings/clock/soc.h
                @@ -1 +1 @@
                -../../../arch/arm/soc-v1.h
                \\ No newline at end of file
                +../../../arch/arm/soc-v2.h
                \\ No newline at end of file
                diff --git a/include/soc-alias.h b/include/soc-alias.h
                new file mode 120000
                index 0000000..3333333
                --- /dev/null
                +++ b/include/soc-alias.h
                @@ -0,0 +1 @@
                +dt-bindings/clock/soc.h
                \\ No newline at end of file
                diff --git a/include/soc.h b/include/soc.h
                index 2222222..3333333 100644
                --- a/include/soc.h
                +++ b/include/soc.h
                @@ -1 +1,2 @@
                 #define SOC 1
                +#define SOC_V2 1
                """;
        List<FilePatch> files = UnifiedDiffParser.parse(diff);
        assertThat(files).extracting(FilePatch::path, FilePatch::type, FilePatch::content).containsExactly(
                tuple("include/dt-bindings/clock/soc.h", ChangeType.MODIFY, Content.REFERENCE),
                tuple("include/soc-alias.h", ChangeType.ADD, Content.REFERENCE),
                tuple("include/soc.h", ChangeType.MODIFY, Content.TEXT));
        assertThat(files.get(0).hunks()).isEmpty();
        assertThat(files.get(2).addedLines()).isEqualTo(1);
    }

    @Test
    void aSubmodulesCommitIdIsAReferenceAndTheFilesAfterItAreRead() {
        String diff = """
                diff --git a/lib/vendored b/lib/vendored
                index 1111111..2222222 160000
                --- a/lib/vendored
                +++ b/lib/vendored
                @@ -1 +1 @@
                -Subproject commit 1111111111111111111111111111111111111111
                +Subproject commit 2222222222222222222222222222222222222222
                diff --git a/lib/other b/lib/other
                new file mode 160000
                index 0000000..3333333
                --- /dev/null
                +++ b/lib/other
                @@ -0,0 +1 @@
                +Subproject commit 3333333333333333333333333333333333333333
                diff --git a/kernel/sched/Makefile b/kernel/sched/Makefile
                index 2222222..3333333 100644
                --- a/kernel/sched/Makefile
                +++ b/kernel/sched/Makefile
                @@ -1 +1,2 @@
                 obj-y += idle.o
                +obj-y += clock.o
                """;
        List<FilePatch> files = UnifiedDiffParser.parse(diff);
        assertThat(files).extracting(FilePatch::path, FilePatch::type, FilePatch::content).containsExactly(
                tuple("lib/vendored", ChangeType.MODIFY, Content.REFERENCE),
                tuple("lib/other", ChangeType.ADD, Content.REFERENCE),
                tuple("kernel/sched/Makefile", ChangeType.MODIFY, Content.TEXT));
        assertThat(files.get(0).hunks()).isEmpty();
        assertThat(files.get(1).hunks()).isEmpty();
        assertThat(files.get(2).addedLines()).isEqualTo(1);
    }

    @Test
    void renameOnlyAndGitBinaryPatchFixtures() {
        List<FilePatch> rename = UnifiedDiffParser.parse(Fixtures.text("rename-only.patch"));
        assertThat(rename).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ChangeType.RENAME);
            assertThat(f.oldPath()).isEqualTo("include/trace/events/foo.h");
            assertThat(f.newPath()).isEqualTo("include/trace/events/foo_events.h");
            assertThat(f.hunks()).isEmpty();
        });
        List<FilePatch> binary = UnifiedDiffParser.parse(Fixtures.text("binary.patch"));
        assertThat(binary).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(ChangeType.ADD);
            assertThat(f.binary()).isTrue();
            assertThat(f.path()).isEqualTo("kernel/trace/foo_blob.bin");
            assertThat(f.hunks()).isEmpty();
        });
    }

    @Test
    void quiltDiffStripsOneComponent() {
        List<FilePatch> files = UnifiedDiffParser.parse(Fixtures.text("quilt.diff"));
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.oldPath()).isEqualTo("kernel/trace/foo.c");
            assertThat(f.newPath()).isEqualTo("kernel/trace/foo.c");
            assertThat(f.type()).isEqualTo(ChangeType.MODIFY);
            assertThat(f.hunks().get(0).sectionHeading()).isEqualTo("void foo_nmi_handler(struct pt_regs *reg");
        });
    }

    @Test
    void plainDiffWithOrigSuffixAndOmittedCounts() {
        List<FilePatch> files = UnifiedDiffParser.parse(Fixtures.text("plain.diff"));
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("foo.c");
            assertThat(f.oldPath()).isEqualTo("foo.c");
            Hunk h = f.hunks().get(0);
            assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount)
                    .containsExactly(36, 1, 36, 1);
        });
    }

    @Test
    void noNewlineAtEndOfFile() {
        String diff = "--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n int a;\n-int b;\n\\ No newline at end of file\n+int c;\n\\ No newline at end of file\n";
        Hunk h = UnifiedDiffParser.parse(diff).get(0).hunks().get(0);
        assertThat(h.lines()).containsExactly(new HunkLine(' ', "int a;", false), new HunkLine('-', "int b;", true),
                new HunkLine('+', "int c;", true));
    }

    @Test
    void crlfTransportIsStrippedButCrInContentKept() {
        String crlf = "diff --git a/x.c b/x.c\r\n--- a/x.c\r\n+++ b/x.c\r\n@@ -1 +1 @@\r\n-int a;\r\n+int b;\r\n";
        assertThat(UnifiedDiffParser.parse(crlf).get(0).hunks().get(0).lines())
                .containsExactly(new HunkLine('-', "int a;", false), new HunkLine('+', "int b;", false));
        String mixed = "diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-int a;\r\n+int b;\r\n";
        assertThat(UnifiedDiffParser.parse(mixed).get(0).hunks().get(0).lines())
                .containsExactly(new HunkLine('-', "int a;\r", false), new HunkLine('+', "int b;\r", false));
    }

    @Test
    void emptyContextLineFromMailerIsAccepted() {
        String diff = "--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n int a;\n\n-int b;\n+int c;\n";
        assertThat(UnifiedDiffParser.parse(diff).get(0).hunks().get(0).lines().get(1))
                .isEqualTo(new HunkLine(' ', "", false));
    }

    @Test
    void quotedPathsAreTheirUtf8NamesAndLatin1ContentSurvives() {
        String diff = "diff --git \"a/dir/f\\303\\251 o.c\" \"b/dir/f\\303\\251 o.c\"\n--- \"a/dir/f\\303\\251 o.c\"\n+++ \"b/dir/f\\303\\251 o.c\"\n@@ -1 +1 @@\n-\u00e9\n+e\n";
        FilePatch f = UnifiedDiffParser.parse(diff).get(0);
        assertThat(f.path()).isEqualTo("dir/f\u00e9 o.c");
        assertThat(f.hunks().get(0).lines().get(0).text()).isEqualTo("\u00e9");
    }

    @Test
    void truncatedHunkIsAnInputError() {
        assertThatThrownBy(() -> UnifiedDiffParser.parse(Fixtures.text("garbled-hunk.patch")))
                .isInstanceOf(InputException.class)
                .hasMessage("malformed diff: kernel/trace/foo.c hunk #1 (@@ -21,7 +21,9 @@) has 6 old and 8 new lines"
                        + " where its header says 7 and 9; the patch was truncated or mangled (line wrapping, whitespace)");
    }

    @Test
    void hunkWithTooManyLinesIsAnInputError() {
        String diff = "--- a/x.c\n+++ b/x.c\n@@ -1,1 +1,1 @@\n-int a;\n+int b;\n+int c;\n";
        assertThatThrownBy(() -> UnifiedDiffParser.parse(diff))
                .isInstanceOf(InputException.class)
                .hasMessage("malformed diff: x.c hunk #1 (@@ -1,1 +1,1 @@) has 1 old and 2 new lines where its header"
                        + " says 1 and 1; the patch was truncated or mangled (line wrapping, whitespace)");
    }

    @Test
    void textWithoutDiffGivesNothing() {
        assertThat(UnifiedDiffParser.parse("just a mail\n--- \nnot a diff\n")).isEmpty();
        assertThat(UnifiedDiffParser.looksLikeDiff("just a mail\n")).isFalse();
        assertThat(UnifiedDiffParser.looksLikeDiff(Fixtures.text("quilt.diff"))).isTrue();
    }
}
