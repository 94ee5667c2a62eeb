#!/bin/sh
# Lists the tracepoints the idle loop calls.
grep -n 'trace_' kernel/sched/idle.c
