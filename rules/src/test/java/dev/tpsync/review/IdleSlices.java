package dev.tpsync.review;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import java.util.List;
import java.util.Optional;

/** Slices of one-file trees for the review package's tests: kernel/sched/idle.c with a function its idle region reaches. */
final class IdleSlices {

    private IdleSlices() {
    }

    /**
     * The slice of a tree whose only file is kernel/sched/idle.c: {@code idle_widget()} with the
     * statements {@code body}, called between ct_idle_enter() and ct_idle_exit() in
     * cpu_idle_poll() (so a context reaches it, and what it calls is a reached callee).
     */
    static ContextSlice reaching(String body, ContextSpec spec) {
        String idle = "void idle_widget(void)\n{\n" + body + "}\n\n"
            + "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tidle_widget();\n\tct_idle_exit();\n}\n";
        return of(List.of(StructureParser.parse("kernel/sched/idle.c", idle)), spec);
    }

    /** The slice of the tree of {@code files} (blob ids do not matter here). */
    static ContextSlice of(List<FileFacts> files, ContextSpec spec) {
        return ContextSlice.of(Contexts.compute(ModelBuilder.build(files, spec)), path -> Optional.of("0".repeat(40)))
            .orElseThrow();
    }
}
