package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every probe a template generates calls what the template calls, from itself: the model
 * resolves a template's calls once and gives each of its probes the same edges.
 */
class ProbeEdgesTest {

    private static final String PERF_H = """
        #undef DECLARE_EVENT_CLASS
        #define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\\
        static notrace void perf_trace_##call(void *__data, proto)		\\
        {									\\
        	entry = perf_trace_buf_alloc(size, &regs, &rctx);		\\
        	perf_fetch_caller_regs(regs);					\\
        	{ assign; }							\\
        	perf_trace_run_bpf_submit(entry, size, rctx, call, 1, regs, head, NULL); \\
        }
        """;
    private static final String EVENTS_H = """
        DECLARE_EVENT_CLASS(sched_wakeup_template,
        	TP_PROTO(struct task_struct *p),
        	TP_ARGS(p),
        	TP_STRUCT__entry(__field(pid_t, pid)),
        	TP_fast_assign(__entry->pid = p->pid;),
        	TP_printk("pid=%d", __entry->pid)
        );

        DEFINE_EVENT(sched_wakeup_template, sched_wakeup,
        	TP_PROTO(struct task_struct *p),
        	TP_ARGS(p));

        TRACE_EVENT(sched_switch,
        	TP_PROTO(struct task_struct *prev),
        	TP_ARGS(prev),
        	TP_STRUCT__entry(__field(pid_t, prev_pid)),
        	TP_fast_assign(__entry->prev_pid = prev->pid;),
        	TP_printk("prev_pid=%d", __entry->prev_pid)
        );
        """;
    private static final String PERF_C = """
        void *perf_trace_buf_alloc(int size, struct pt_regs **regs, int *rctx)
        {
        	return NULL;
        }

        void perf_trace_run_bpf_submit(void *raw, int size, int rctx, void *call, u64 count,
        			       struct pt_regs *regs, struct hlist_head *head, struct task_struct *task)
        {
        	perf_tp_event(0, count, raw, size, regs, head, rctx, task);
        }
        """;

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();

    private static List<FileFacts> tree(String core) {
        return List.of(StructureParser.parse("include/trace/events/sched.h", EVENTS_H),
            StructureParser.parse("include/trace/perf.h", PERF_H), StructureParser.parse("kernel/events/core.c", core),
            StructureParser.parse("kernel/sched/core.c", "void schedule(void)\n{\n\ttrace_sched_switch(prev);\n}\n"));
    }

    @Test
    void eachProbeOfATemplateCallsWhatTheTemplateCallsFromItself() {
        CodeModel model = ModelBuilder.build(tree(PERF_C), SPEC, 1);

        List<Node> probes = model.nodes().stream().filter(n -> n.kind() == NodeKind.PROBE).toList();

        assertThat(probes).extracting(Node::name)
            .containsExactly("perf_trace_sched_wakeup_template", "perf_trace_sched_switch");
        for (Node probe : probes) {
            assertThat(model.outEdges(probe.id())).as(probe.name()).allMatch(e -> e.from() == probe.id())
                .extracting(e -> model.node(e.to()).name() + " @" + e.file() + ":" + e.line())
                .containsExactly("perf_trace_buf_alloc @include/trace/perf.h:5",
                    "perf_trace_run_bpf_submit @include/trace/perf.h:8");
        }
    }

    @Test
    void aRebuildKeepsTheProbesAndTheirEdgesWhenNothingTheyCallChangedAndResolvesThemAgainWhenItDid() {
        IncrementalModel base = IncrementalModel.build(tree(PERF_C), SPEC, 1);
        String schedChanged = "void schedule(void)\n{\n\tpick_next();\n\ttrace_sched_switch(prev);\n}\n";
        String allocGone = PERF_C.replace("void *perf_trace_buf_alloc(", "void *perf_trace_buf_get(");

        for (List<FileFacts> after : List.of(withFile(tree(PERF_C), "kernel/sched/core.c", schedChanged),
            tree(allocGone))) {
            CodeModel rebuilt = base.rebuild(after, 1).model();
            CodeModel built = ModelBuilder.build(after, SPEC, 1);

            assertThat(probeEdges(rebuilt)).isEqualTo(probeEdges(built));
        }
        assertThat(probeEdges(base.rebuild(tree(allocGone), 1).model()))
            .as("the template's call of a name no longer defined has no edge").noneMatch(e -> e.contains("buf_alloc"));
    }

    private static List<FileFacts> withFile(List<FileFacts> files, String path, String text) {
        return files.stream().map(f -> f.path().equals(path) ? StructureParser.parse(path, text) : f).toList();
    }

    /** Every edge from or to a probe, by names and place, in each probe's order. */
    private static List<String> probeEdges(CodeModel model) {
        List<String> out = new java.util.ArrayList<>();
        for (Node n : model.nodes()) {
            for (Edge e : model.outEdges(n.id())) {
                Node to = model.node(e.to());
                if (n.kind() == NodeKind.PROBE || to.kind() == NodeKind.PROBE) {
                    out.add(n.name() + " -" + e.kind() + "-> " + to.name() + " @" + e.file() + ":" + e.line());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
