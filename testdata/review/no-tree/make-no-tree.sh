#!/usr/bin/env bash
# Regenerates the --no-tree patches: changes to an imagined older tree (not tree/, whose
# context lines differ), so they do not apply to the fixture tree. Each directory gets the
# patch in one input shape (format-patch, quilt diff, quoted-printable mail) and an
# expected.json written by hand.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
s=$(mktemp -d)
trap 'rm -rf "$s"' EXIT
export GIT_AUTHOR_NAME="Tess Fixture" GIT_AUTHOR_EMAIL="tess@example.org"
export GIT_COMMITTER_NAME="Tess Fixture" GIT_COMMITTER_EMAIL="tess@example.org"
export GIT_AUTHOR_DATE="2026-01-06T10:00:00Z" GIT_COMMITTER_DATE="2026-01-06T10:00:00Z"
g() { git -C "$s" -c core.autocrlf=false "$@"; }
mkdir -p "$s/include/linux" "$s/kernel/sched" "$s/kernel/trace" "$s/drivers/misc"

# The imagined older __DO_TRACE: comments and a bare WARN_ON_ONCE where tree/ has others.
cat > "$s/include/linux/tracepoint.h" <<'C'
/* SPDX-License-Identifier: GPL-2.0 */
/* Imagined older tracepoint core for the --no-tree tests (not kernel source). */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

extern struct srcu_struct tracepoint_srcu;

#define __DO_TRACE_CALL(name)	static_call(tp_func_##name)

/*
 * Run the probes of one tracepoint. rcuidle callers run where RCU
 * may not be watching, so they take SRCU and make RCU watch first.
 */
#define __DO_TRACE(name, args, cond, rcuidle)				\
	do {								\
		int __maybe_unused __idx = 0;				\
									\
		if (!(cond))						\
			return;						\
									\
		/* SRCU cannot be taken in NMI */			\
		WARN_ON_ONCE(rcuidle && in_nmi());			\
									\
		/* probes see one consistent list */			\
		preempt_disable_notrace();				\
									\
		if (rcuidle) {						\
			__idx = srcu_read_lock_notrace(&tracepoint_srcu);\
			ct_irq_enter_irqson();				\
		}							\
									\
		__DO_TRACE_CALL(name)(args);				\
									\
		if (rcuidle) {						\
			ct_irq_exit_irqson();				\
			srcu_read_unlock_notrace(&tracepoint_srcu, __idx);\
		}							\
									\
		preempt_enable_notrace();				\
	} while (0)

#endif /* _LINUX_TRACEPOINT_H */
C
cat > "$s/kernel/sched/idle.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
/* Imagined older idle loop for the --no-tree tests (not kernel source). */
#include <linux/cpuidle.h>
#include <trace/events/power.h>

static int __cpuidle cpu_idle_poll(void)
{
	trace_cpu_idle_rcuidle(0, smp_processor_id());
	local_irq_enable();
	stop_critical_timings();
	rcu_idle_enter();

	while (!tif_need_resched() && cpu_idle_force_poll)
		cpu_relax();

	rcu_idle_exit();
	start_critical_timings();
	trace_cpu_idle_rcuidle(PWR_EVENT_EXIT, smp_processor_id());

	return 1;
}
C
cat > "$s/kernel/trace/trace_ticks.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
/* Imagined older tick tracer for the --no-tree tests (not kernel source). */
#include <linux/slab.h>
#include <trace/events/sample.h>

static void *ticks;

static void probe_ticks(void *data, int cpu, u64 now)
{
	atomic_inc(data);
}

void trace_ticks_stop(void)
{
	unregister_trace_sample_tick(probe_ticks, ticks);
	tracepoint_synchronize_unregister();
	kfree(ticks);
	ticks = NULL;
}
C
g init -q -b old && g add -A && g commit -q -m "imagined older tree"

out() { mkdir -p "$here/$1"; find "$here/$1" -type f ! -name expected.json -delete; }
edit() {
  python3 - "$s/$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"edit: {old!r} occurs {text.count(old)} times in {path}")
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
}

# 1. format-patch: drop the make-RCU-watch step around rcuidle probe calls (lost-rcuidle).
g checkout -q -b drop-watch old
edit include/linux/tracepoint.h $'\t\t\t__idx = srcu_read_lock_notrace(&tracepoint_srcu);\\\n\t\t\tct_irq_enter_irqson();\t\t\t\t\\\n' \
  $'\t\t\t__idx = srcu_read_lock_notrace(&tracepoint_srcu);\\\n'
edit include/linux/tracepoint.h $'\t\t\tct_irq_exit_irqson();\t\t\t\t\\\n\t\t\tsrcu_read_unlock' $'\t\t\tsrcu_read_unlock'
g commit -q -a -m "tracepoint: stop making RCU watch for rcuidle probes" -m "SRCU protects the probe list already."
out drop-watch
g format-patch -q --zero-commit -o "$here/drop-watch" old..drop-watch

# 2. format-patch: a pure rename.
g checkout -q -b rename old
g mv kernel/trace/trace_ticks.c kernel/trace/trace_tick_counter.c
g commit -q -m "tracing: rename trace_ticks.c to trace_tick_counter.c" -m "Pure rename."
out rename
g format-patch -q --zero-commit -M -o "$here/rename" old..rename

# 3. quilt: the rcuidle idle event turned into a plain one inside the idle region (lost-rcuidle).
g checkout -q -b quilt old
edit kernel/sched/idle.c $'\ttrace_cpu_idle_rcuidle(0, smp_processor_id());\n\tlocal_irq_enable();\n\tstop_critical_timings();\n\trcu_idle_enter();\n' \
  $'\tlocal_irq_enable();\n\tstop_critical_timings();\n\trcu_idle_enter();\n\ttrace_cpu_idle(0, smp_processor_id());\n'
out quilt
{ printf 'sched/idle: trace the idle entry once RCU is idle\n\nSigned-off-by: Tess Fixture <tess@example.org>\n---\n'
  printf 'Index: linux/kernel/sched/idle.c\n===================================================================\n'
  g diff --no-prefix --src-prefix=linux.orig/ --dst-prefix=linux/ | sed -n '/^---/,$p'; } > "$here/quilt/trace-idle-entry.diff"
g checkout -q -- .

# 4. quoted-printable mail: the wait before kfree() weakened to synchronize_rcu().
g checkout -q -b qp old
edit kernel/trace/trace_ticks.c $'\ttracepoint_synchronize_unregister();\n' $'\tsynchronize_rcu(); /* probes run with preemption off \xe2\x80\x94 enough */\n'
g commit -q -a -m "tracing: ticks: a plain RCU grace period is enough on stop" -m "Probes run with preemption disabled."
out qp
g format-patch -q --zero-commit --stdout old..qp | python3 -c '
import sys, quopri
raw = sys.stdin.buffer.read()
head, body = raw.split(b"\n\n", 1)
head = b"\n".join(l for l in head.split(b"\n") if not l.startswith((b"MIME-Version:", b"Content-Type:", b"Content-Transfer-Encoding:")))
head += b"\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable"
sys.stdout.buffer.write(head + b"\n\n" + quopri.encodestring(body))
' > "$here/qp/0001-tracing-ticks-plain-rcu.eml"
echo "written under $here"
