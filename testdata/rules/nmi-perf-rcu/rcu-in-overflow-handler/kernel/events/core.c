// SPDX-License-Identifier: GPL-2.0
/*
 * Positive: an overflow handler installed through event->overflow_handler runs from
 * __perf_event_overflow(), i.e. in the PMU NMI, and runs the attached BPF program under
 * rcu_read_lock().
 */
#include <linux/perf_event.h>
#include <linux/bpf.h>

static void bpf_overflow_handler(struct perf_event *event, struct perf_sample_data *data,
				 struct pt_regs *regs)
{
	struct bpf_prog *prog;
	int ret = 0;

	rcu_read_lock();	/* expect: nmi-perf-rcu warning */
	prog = READ_ONCE(event->prog);
	if (prog)
		ret = bpf_prog_run(prog, regs);
	rcu_read_unlock();
	if (ret)
		event->orig_overflow_handler(event, data, regs);
}

static int __perf_event_overflow(struct perf_event *event, int throttle,
				 struct perf_sample_data *data, struct pt_regs *regs)
{
	if (event->attr.freq)
		perf_adjust_period(event, data->period);
	READ_ONCE(event->overflow_handler)(event, data, regs);
	return 0;
}

int perf_event_overflow(struct perf_event *event, struct perf_sample_data *data,
			struct pt_regs *regs)
{
	return __perf_event_overflow(event, 1, data, regs);
}

static int perf_event_set_bpf_handler(struct perf_event *event, struct bpf_prog *prog)
{
	event->prog = prog;
	event->orig_overflow_handler = READ_ONCE(event->overflow_handler);
	event->overflow_handler = bpf_overflow_handler;
	return 0;
}
