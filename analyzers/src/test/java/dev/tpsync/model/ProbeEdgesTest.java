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

    @Test
    void eachProbeOfATemplateCallsWhatTheTemplateCallsFromItself() {
        List<FileFacts> files = List.of(StructureParser.parse("include/trace/events/sched.h", EVENTS_H),
            StructureParser.parse("include/trace/perf.h", PERF_H),
            StructureParser.parse("kernel/events/core.c", PERF_C));
        CodeModel model = ModelBuilder.build(files, ContextSpec.kernelDefaults(), 1);

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
}
