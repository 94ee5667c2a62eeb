#!/usr/bin/env bash
# Regenerates the patch series under series/ from tree/: each series is a branch of a scratch
# git repository holding tree/, its changes committed and written out with git format-patch.
# The expected.json files are written by hand; rerun this only when tree/ or an edit changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export GIT_AUTHOR_NAME="Tess Fixture" GIT_AUTHOR_EMAIL="tess@example.org"
export GIT_COMMITTER_NAME="Tess Fixture" GIT_COMMITTER_EMAIL="tess@example.org"
export GIT_AUTHOR_DATE="2026-01-05T10:00:00Z" GIT_COMMITTER_DATE="2026-01-05T10:00:00Z"
g() { git -C "$scratch" -c core.autocrlf=false "$@"; }
cp -r "$here/tree/." "$scratch/"
g init -q -b base
g add -A && g commit -q -m "fixture tree"

# edit FILE OLD NEW: replace exactly one occurrence of OLD (a literal) by NEW.
edit() {
  python3 - "$scratch/$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"edit: {old!r} occurs {text.count(old)} times in {path}")
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
}
commit() { g commit -q -a -m "$1" -m "$2"; }
start() { g checkout -q -b "$1" base; }
finish() {
  mkdir -p "$here/series/$1"; rm -f "$here/series/$1"/*.patch  # keep expected.json
  g format-patch -q --zero-commit -o "$here/series/$1" base.."$1"
}

start intro-lost-rcuidle
edit kernel/sched/idle.c $'\ttrace_cpu_idle(0, smp_processor_id());\n\tstop_critical_timings();\n\tct_idle_enter();\n' \
  $'\tstop_critical_timings();\n\tct_idle_enter();\n\ttrace_cpu_idle(0, smp_processor_id());\n'
commit "sched/idle: emit the idle event once the CPU is really idle" "Move trace_cpu_idle() after ct_idle_enter() so the timestamp is closer to the real idle entry."
finish intro-lost-rcuidle

start intro-srcu-read-barrier
edit drivers/misc/tp_sample.c $'static struct tp_sample_stats *stats;\n' \
  $'static struct tp_sample_stats *stats;\nDEFINE_STATIC_SRCU(tp_sample_srcu);\n'
edit drivers/misc/tp_sample.c $'\tstruct tp_sample_stats *s = data;\n\n\tatomic64_inc(&s->ticks);\n\tWRITE_ONCE(s->last, now);\n' \
  $'\tstruct tp_sample_stats *s = data;\n\tint idx;\n\n\tidx = srcu_read_lock(&tp_sample_srcu);\n\tatomic64_inc(&s->ticks);\n\tWRITE_ONCE(s->last, now);\n\tsrcu_read_unlock(&tp_sample_srcu, idx);\n'
commit "tp_sample: protect the statistics with SRCU" "Readers of the statistics may sleep, so use SRCU around the probe's updates."
finish intro-srcu-read-barrier

start intro-nmi-perf-rcu
edit kernel/events/core.c $'\tif (bpf_prog_array_valid(call)) {\n' \
  $'\tstruct bpf_prog_array *progs;\n\n\trcu_read_lock();\n\tprogs = rcu_dereference(call->prog_array);\n\trcu_read_unlock();\n\tif (progs) {\n'
commit "perf: look at the event's BPF programs under RCU" "Read call->prog_array once, under rcu_read_lock(), instead of testing it twice."
finish intro-nmi-perf-rcu

start intro-unregister-sync
edit drivers/misc/tp_sample.c $'\ttracepoint_synchronize_unregister();\n\tkfree(stats);\n' $'\tsynchronize_rcu();\n\tkfree(stats);\n'
commit "tp_sample: wait with synchronize_rcu() on exit" "The probe runs with preemption disabled, so synchronize_rcu() is enough."
finish intro-unregister-sync

start fix-unregister-sync
edit drivers/misc/tp_counter.c $'\tsynchronize_rcu();\n\tkfree(counter);\n' $'\ttracepoint_synchronize_unregister();\n\tkfree(counter);\n'
commit "tp_counter: wait for all probes before freeing the counters" "synchronize_rcu() misses SRCU readers of rcuidle callers of sample_tick; tracepoint_synchronize_unregister() waits for both."
finish fix-unregister-sync

start refactor
edit kernel/events/core.c $'void perf_tp_event(u16 type, u64 count, void *record, int entry_size,\n' \
  $'/*\n * Deliver a tracepoint record to the perf events on @head, and to the events of\n * @task when the record is aimed at another task.\n */\nvoid perf_tp_event(u16 type, u64 count, void *record, int entry_size,\n'
edit kernel/events/core.c $'\tstruct perf_sample_data data;\n\tstruct perf_event *event;\n\n\tperf_sample_data_init(&data, 0, 0);\n\tdata.raw = record;\n' \
  $'\tstruct perf_sample_data sample;\n\tstruct perf_event *event;\n\n\tperf_sample_data_init(&sample, 0, 0);\n\tsample.raw = record;\n'
edit kernel/events/core.c $'\t\tif (perf_tp_event_match(event, &data, regs))\n\t\t\tperf_swevent_event(event, count, &data, regs);\n' \
  $'\t\tif (perf_tp_event_match(event, &sample, regs))\n\t\t\tperf_swevent_event(event, count, &sample, regs);\n'
edit kernel/events/core.c $'\t\t\tperf_tp_event_ctx(ctx, count, &data, regs);\n' $'\t\t\tperf_tp_event_ctx(ctx, count, &sample, regs);\n'
edit drivers/misc/tp_sample.c $'\tint ret;\n\n\tstats = kzalloc(sizeof(*stats), GFP_KERNEL);\n\tif (!stats)\n\t\treturn -ENOMEM;\n\n\tret = register_trace_sample_tick(probe_sample_tick, stats);\n\tif (ret)\n\t\tkfree(stats);\n\treturn ret;\n' \
  $'\tint err;\n\n\tstats = kzalloc(sizeof(*stats), GFP_KERNEL);\n\tif (!stats)\n\t\treturn -ENOMEM;\n\n\terr = register_trace_sample_tick(probe_sample_tick, stats);\n\tif (err) {\n\t\tkfree(stats);\n\t\tstats = NULL;\n\t}\n\treturn err;\n'
commit "perf, tp_sample: name things after what they hold" "No functional change: rename locals, document perf_tp_event()."
finish refactor

start rename
g mv drivers/misc/tp_counter.c drivers/misc/tp_tick_counter.c
commit "tp_counter: rename to tp_tick_counter" "Pure rename."
finish rename

start revert-series
edit kernel/sched/idle.c $'\ttrace_cpu_idle(0, smp_processor_id());\n\tstop_critical_timings();\n\tct_idle_enter();\n' \
  $'\tstop_critical_timings();\n\tct_idle_enter();\n\ttrace_cpu_idle(0, smp_processor_id());\n'
commit "sched/idle: emit the idle event once the CPU is really idle" "Move trace_cpu_idle() after ct_idle_enter()."
edit arch/x86/kernel/nmi.c $'\tpr_emerg_ratelimited("Uhhuh. NMI received for unknown reason on CPU %d.\\n",\n' \
  $'\tpr_emerg_ratelimited("NMI received for unknown reason on CPU %d.\\n",\n'
commit "x86/nmi: drop the Uhhuh from the unknown NMI message" "Unrelated to tracing."
g revert --no-edit HEAD~1 >/dev/null
finish revert-series

start made-worse
edit include/linux/tracepoint.h $'\t\tif (rcuidle) {\t\t\t\t\t\t\\\n\t\t\t__idx = srcu_read_lock_notrace(&tracepoint_srcu);\\\n\t\t\tct_irq_enter_irqson();\t\t\t\t\\\n\t\t}\t\t\t\t\t\t\t\\\n' \
  $'\t\t__idx = srcu_read_lock_notrace(&tracepoint_srcu);\t\\\n\t\tif (rcuidle)\t\t\t\t\t\t\\\n\t\t\tct_irq_enter_irqson();\t\t\t\t\\\n'
edit include/linux/tracepoint.h $'\t\tif (rcuidle) {\t\t\t\t\t\t\\\n\t\t\tct_irq_exit_irqson();\t\t\t\t\\\n\t\t\tsrcu_read_unlock_notrace(&tracepoint_srcu, __idx);\\\n\t\t}\t\t\t\t\t\t\t\\\n' \
  $'\t\tif (rcuidle)\t\t\t\t\t\t\\\n\t\t\tct_irq_exit_irqson();\t\t\t\t\\\n\t\tsrcu_read_unlock_notrace(&tracepoint_srcu, __idx);\t\\\n'
commit "tracepoint: take tracepoint_srcu for every tracepoint" "One protection for all callers makes the unregister side simpler."
finish made-worse

start context-change
edit arch/x86/kernel/nmi.c $'\treturn handled;\n}\n\nstatic void default_do_nmi' \
  $'\tif (handled && perf_event_count_readers(this_cpu_read(nmi_event)))\n\t\tnmi_note_readers(type);\n\n\treturn handled;\n}\n\nstatic void default_do_nmi'
commit "x86/nmi: note perf readers when an NMI was handled" "Ask perf how many readers the NMI watchdog event has."
finish context-change
start sleeper-in-nmi
edit kernel/events/core.c $'\tperf_tp_event(call->event.type, count, raw_data, size, regs, head,\n' \
  $'\t/* let a concurrent detach of the BPF programs finish */\n\tsynchronize_rcu();\n\tperf_tp_event(call->event.type, count, raw_data, size, regs, head,\n'
commit "perf: wait for BPF detach before delivering a tracepoint record" "A program being detached must be gone before perf_tp_event() runs."
finish sleeper-in-nmi
# A helper outside perf's glue made to sleep: the glue that calls it from NMI is not touched.
start helper-made-to-sleep
edit kernel/bpf/prog_array.c $'\tstruct bpf_prog_array *array = READ_ONCE(call->prog_array);\n\n\treturn array && !bpf_prog_array_is_empty(array);\n' \
  $'\tstruct bpf_prog_array *array;\n\tbool valid;\n\n\tmutex_lock(&bpf_event_mutex);\n\tarray = call->prog_array;\n\tvalid = array && !bpf_prog_array_is_empty(array);\n\tmutex_unlock(&bpf_event_mutex);\n\treturn valid;\n'
commit "bpf: read a call's program array under bpf_event_mutex" "The array may be replaced while we look at it; take the mutex its writers hold."
finish helper-made-to-sleep
# The same, then undone by the next patch: the error it resolves is at a call neither patch touches.
start helper-sleeps-then-not
edit kernel/bpf/prog_array.c $'\treturn array && !bpf_prog_array_is_empty(array);\n' \
  $'\tmight_sleep();\n\treturn array && !bpf_prog_array_is_empty(array);\n'
commit "bpf: say bpf_prog_array_valid() may sleep" "It will take bpf_event_mutex."
edit kernel/bpf/prog_array.c $'\tmight_sleep();\n' ''
commit "bpf: bpf_prog_array_valid() does not sleep after all" "perf calls it from NMI."
finish helper-sleeps-then-not
# A series that touches files beside the code, as most kernel commits do: a Makefile, a Kconfig,
# documentation added, a script made executable. Review judges only the C, but applies every hunk.
start with-build-files
edit kernel/sched/idle.c $'\ttrace_cpu_idle(0, smp_processor_id());\n\tstop_critical_timings();\n\tct_idle_enter();\n' \
  $'\tstop_critical_timings();\n\tct_idle_enter();\n\ttrace_cpu_idle(0, smp_processor_id());\n'
edit kernel/sched/Makefile $'obj-y += idle.o\n' $'obj-y += idle.o\nCFLAGS_idle.o += -DIDLE_TRACE_LATE\n'
mkdir -p "$scratch/Documentation/scheduler"
printf 'Idle tracing\n============\n\ntrace_cpu_idle() fires once the CPU is idle.\n' \
  > "$scratch/Documentation/scheduler/idle-tracing.rst"
g add Documentation/scheduler/idle-tracing.rst
commit "sched/idle: emit the idle event once the CPU is really idle" "Move trace_cpu_idle() after ct_idle_enter(), build with the flag that says so, and document it."
edit drivers/misc/Kconfig $'\ttristate "Tracepoint sample driver"\n' $'\ttristate "Tracepoint sample driver"\n\tdepends on TRACEPOINTS\n'
chmod +x "$scratch/scripts/check-idle.sh"
commit "misc: the sample driver needs tracepoints; make check-idle.sh executable" "Build files only."
finish with-build-files
echo "series written to $here/series"
