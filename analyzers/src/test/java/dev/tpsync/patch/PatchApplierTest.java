package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatchApplierTest {

    private static final String FOO = "kernel/trace/foo.c";
    private static final String HDR = "include/trace/events/foo.h";

    private static Patch patch(String diff) {
        return new Patch(1, 1, "test: patch", "[PATCH] test: patch", "", "", "", "", diff, UnifiedDiffParser.parse(diff));
    }

    @Test
    void seriesAppliesCumulativelyToTheExpectedTree() {
        PatchSeries series = PatchSeriesReader.read(Fixtures.path("series-foo"));
        SeriesApplier.AppliedSeries applied = SeriesApplier.apply(series, Fixtures.baseTree());
        FileSource expected = p -> Optional.of(Fixtures.text("series-foo.expected/" + p));
        assertThat(applied.result().read(FOO)).isEqualTo(expected.read(FOO));
        assertThat(applied.result().read(HDR)).isEqualTo(expected.read(HDR));

        AppliedPatch second = applied.patches().get(1);
        assertThat(second.touchedPaths()).containsExactly(FOO);
        assertThat(second.before().get(FOO)).isEqualTo(applied.patches().get(0).after().get(FOO));
        assertThat(second.after().get(FOO).orElseThrow()).contains("\ttrace_foo_idle(1);\n\tct_idle_enter();\n");
        assertThat(applied.treeBefore(1).read(FOO)).isEqualTo(second.before().get(FOO));
        assertThat(applied.treeAfter(1).read(HDR)).isEqualTo(Fixtures.baseTree().read(HDR));
        assertThat(applied.patches().get(2).touchedPaths()).containsExactly(HDR, FOO);
    }

    @Test
    void archiveMboxAppliesLikeTheDirectory() {
        FileSource dir = SeriesApplier.apply(PatchSeriesReader.read(Fixtures.path("series-foo")), Fixtures.baseTree()).result();
        FileSource mbox = SeriesApplier.apply(PatchSeriesReader.read(Fixtures.path("lore-thread.mbox")), Fixtures.baseTree()).result();
        assertThat(mbox.read(FOO)).isEqualTo(dir.read(FOO));
    }

    @Test
    void hunkFoundAtAnOffset() {
        String base = "int a;\n" + Fixtures.baseTree().read(FOO).orElseThrow().replace("#include <linux/nmi.h>\n",
                "#include <linux/nmi.h>\n#include <linux/x.h>\n#include <linux/y.h>\n");
        Patch p = PatchSeriesReader.read(Fixtures.path("quilt.diff")).patches().get(0);
        String after = PatchApplier.apply(p, FileSource.of(Map.of(FOO, base))).after().get(FOO).orElseThrow();
        assertThat(after).contains("\ttrace_foo_nmi(cpu);\n\tfoo_account(cpu);\n}\n").startsWith("int a;\n");
    }

    @Test
    void addDeleteRenameAndNoNewline() {
        String diff = """
                diff --git a/kernel/new.c b/kernel/new.c
                new file mode 100644
                --- /dev/null
                +++ b/kernel/new.c
                @@ -0,0 +1,2 @@
                +int x;
                +int y;
                \\ No newline at end of file
                diff --git a/kernel/old.c b/kernel/old.c
                deleted file mode 100644
                --- a/kernel/old.c
                +++ /dev/null
                @@ -1 +0,0 @@
                -int z;
                diff --git a/kernel/a.c b/kernel/b.c
                similarity index 50%
                rename from kernel/a.c
                rename to kernel/b.c
                --- a/kernel/a.c
                +++ b/kernel/b.c
                @@ -1,2 +1,2 @@
                 int a;
                -int b;
                \\ No newline at end of file
                +int c;
                """;
        AppliedPatch a = PatchApplier.apply(patch(diff), FileSource.of(Map.of("kernel/old.c", "int z;\n",
                "kernel/a.c", "int a;\nint b;")));
        assertThat(a.after()).containsExactly(
                Map.entry("kernel/new.c", Optional.of("int x;\nint y;")),
                Map.entry("kernel/old.c", Optional.empty()),
                Map.entry("kernel/a.c", Optional.empty()),
                Map.entry("kernel/b.c", Optional.of("int a;\nint c;\n")));
        assertThat(a.before()).containsEntry("kernel/new.c", Optional.empty())
                .containsEntry("kernel/old.c", Optional.of("int z;\n"))
                .containsEntry("kernel/b.c", Optional.empty());
        assertThat(a.renamedFrom()).containsExactly(Map.entry("kernel/b.c", "kernel/a.c"));
    }

    @Test
    void renameOnlyAndBinaryPatches() {
        Patch rename = PatchSeriesReader.read(Fixtures.path("rename-only.patch")).patches().get(0);
        AppliedPatch r = PatchApplier.apply(rename, Fixtures.baseTree());
        assertThat(r.after().get("include/trace/events/foo_events.h")).isEqualTo(Fixtures.baseTree().read(HDR));
        assertThat(r.after().get(HDR)).isEmpty();
        Patch binary = PatchSeriesReader.read(Fixtures.path("binary.patch")).patches().get(0);
        AppliedPatch b = PatchApplier.apply(binary, Fixtures.baseTree());
        assertThat(b.binaryPaths()).containsExactly("kernel/trace/foo_blob.bin");
        assertThat(b.after()).isEmpty();
    }

    @Test
    void contextMismatchNamesPatchFileHunkAndLine() {
        Patch p = PatchSeriesReader.read(Fixtures.path("does-not-apply.patch")).patches().get(0);
        assertThatThrownBy(() -> PatchApplier.apply(p, Fixtures.baseTree()))
                .isInstanceOf(InputException.class)
                .hasMessage("patch 1/1 (tracing/foo: use trace_foo_nmi_rcuidle) does not apply: kernel/trace/foo.c"
                        + " hunk #1 at line 21: context does not match; try --base REV or --no-tree");
    }

    @Test
    void laterPatchOfSeriesFailingIsNamed() {
        PatchSeries series = PatchSeriesReader.read(Fixtures.path("series-foo"));
        // the second copy of patch 1 meets its own result: the context line it removes no longer matches
        List<Patch> twice = List.of(series.patches().get(0), series.patches().get(0));
        assertThatThrownBy(() -> SeriesApplier.apply(twice, Fixtures.baseTree()))
                .isInstanceOf(InputException.class)
                .hasMessage("patch 1/3 (tracing/foo: take rcu_read_lock around the NMI tracepoint) does not apply:"
                        + " kernel/trace/foo.c hunk #1 at line 21: context does not match; try --base REV or --no-tree");
    }

    @Test
    void fileExistenceErrors() {
        String add = "diff --git a/kernel/trace/foo.c b/kernel/trace/foo.c\nnew file mode 100644\n--- /dev/null\n+++ b/kernel/trace/foo.c\n@@ -0,0 +1 @@\n+x\n";
        assertThatThrownBy(() -> PatchApplier.apply(patch(add), Fixtures.baseTree()))
                .hasMessage("patch 1/1 (test: patch) does not apply: kernel/trace/foo.c already exists but the patch"
                        + " creates it; try --base REV or --no-tree");
        String del = "diff --git a/kernel/gone.c b/kernel/gone.c\ndeleted file mode 100644\n--- a/kernel/gone.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n";
        assertThatThrownBy(() -> PatchApplier.apply(patch(del), Fixtures.baseTree()))
                .hasMessage("patch 1/1 (test: patch) does not apply: kernel/gone.c does not exist but the patch"
                        + " deletes it; try --base REV or --no-tree");
        String mod = "--- a/kernel/gone.c\n+++ b/kernel/gone.c\n@@ -1 +1 @@\n-x\n+y\n";
        assertThatThrownBy(() -> PatchApplier.apply(patch(mod), Fixtures.baseTree()))
                .isInstanceOf(InputException.class)
                .hasMessage("patch 1/1 (test: patch) does not apply: kernel/gone.c does not exist but the patch"
                        + " modifies it; try --base REV or --no-tree");
        Patch rename = PatchSeriesReader.read(Fixtures.path("rename-only.patch")).patches().get(0);
        assertThatThrownBy(() -> PatchApplier.apply(rename, FileSource.empty()))
                .hasMessage("patch 1/1 (tracing/foo: rename the events header) does not apply:"
                        + " include/trace/events/foo.h does not exist but the patch renames it to"
                        + " include/trace/events/foo_events.h; try --base REV or --no-tree");
    }
}
