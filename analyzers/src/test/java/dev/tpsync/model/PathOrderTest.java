package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Facts lists in path order with files put in or taken out: what a sorted map of them gave, in one pass. */
class PathOrderTest {

    private static FileFacts file(String path) {
        return FileFacts.empty(path);
    }

    private static List<String> paths(List<FileFacts> files) {
        return files.stream().map(FileFacts::path).toList();
    }

    @Test
    void aFileOfAPathTheListHasTakesItsPlace() {
        List<FileFacts> files = List.of(file("include/a.h"), file("kernel/b.c"), file("mm/c.c"));
        FileFacts changed = file("kernel/b.c");

        List<FileFacts> out = PathOrder.with(files, List.of(changed));

        assertThat(paths(out)).containsExactly("include/a.h", "kernel/b.c", "mm/c.c");
        assertThat(out.get(1)).isSameAs(changed);
        assertThat(out.get(0)).isSameAs(files.get(0));
    }

    @Test
    void newPathsGoWhereTheySortBeforeBetweenAndAfter() {
        List<FileFacts> files = List.of(file("kernel/b.c"), file("kernel/d.c"));

        List<FileFacts> out = PathOrder.with(files,
            List.of(file("z/last.c"), file("kernel/c.c"), file("arch/first.c")));

        assertThat(paths(out)).containsExactly("arch/first.c", "kernel/b.c", "kernel/c.c", "kernel/d.c", "z/last.c");
    }

    @Test
    void ofTwoFilesPutWithOnePathTheLastCounts() {
        FileFacts second = file("kernel/b.c");

        List<FileFacts> out = PathOrder.with(List.of(file("kernel/a.c")), List.of(file("kernel/b.c"), second));

        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isSameAs(second);
    }

    @Test
    void aListOutOfPathOrderIsSortedAnew() {
        List<FileFacts> files = List.of(file("mm/c.c"), file("include/a.h"));

        List<FileFacts> out = PathOrder.with(files, List.of(file("kernel/b.c")));

        assertThat(paths(out)).containsExactly("include/a.h", "kernel/b.c", "mm/c.c");
    }

    @Test
    void filesOfGonePathsAreLeftOutTheRestInOrder() {
        List<FileFacts> files = List.of(file("include/a.h"), file("kernel/b.c"), file("mm/c.c"));

        assertThat(paths(PathOrder.without(files, Set.of("kernel/b.c", "not/there.c"))))
            .containsExactly("include/a.h", "mm/c.c");
    }
}
