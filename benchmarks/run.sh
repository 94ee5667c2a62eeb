#!/usr/bin/env bash
# tpsync benchmarks against peers, on a real kernel tree, each pair measured in the same run.
#
#   benchmarks/run.sh [6.1|6.12] [runs] [hook runs]
#
# runs: of each tree-sized command (default 3); hook runs: of each pre-commit hook row, run by
# run in turn with checkpatch.pl (default 7: a pair takes ~0.8 s, and a median of 3 moved with
# checkpatch.pl's own 0.24-0.34 s from run to run).
#
# Needs: a built tpsync (./tpsync builds it), universal-ctags, GNU time; spatch (coccinelle)
# for the SRCU comparison if installed. The tree comes from ../shared/kernel/get-kernel.
# Results go to benchmarks/results/<version>/ (not committed); benchmarks/README.md has the
# numbers of the last run written up.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
ver=${1:-6.1}
runs=${2:-3}
hook_runs=${3:-7}
tree=$("$top/../shared/kernel/get-kernel" "$ver")
out="$here/results/$ver"
mkdir -p "$out"
tpsync="$top/tpsync"
"$tpsync" --version >/dev/null   # build outside the measurements
export TPSYNC_NO_PROGRESS=1

# timed NAME CMD...: one run of CMD, its wall seconds and peak RSS appended to NAME's times. (time
# -q: a run that exits 1 for a finding, as the hook does at --fail-on's default, adds no line.)
timed() {
  local name=$1; shift
  /usr/bin/time -q -f "%e %M" -o "$out/$name.time1" "$@" > "$out/$name.out" 2> "$out/$name.err" || true
  cat "$out/$name.time1" >> "$out/$name.times"
}
# measure NAME CMD...: wall seconds and peak RSS (MiB) of each run, medians at the end.
measure() {
  local name=$1; shift
  : > "$out/$name.times"
  for i in $(seq "$runs"); do
    timed "$name" "$@"
  done
  report "$name" ""
}
# report NAME NOTE: the median wall time and peak RSS of NAME's runs, NOTE after their count.
report() {
  sort -n "$out/$1.times" | awk -v n="$1" -v note="$2" '{w[NR]=$1; m[NR]=$2} END {
    mid=int((NR+1)/2); printf "%-28s median %7.2f s   peak RSS %6.0f MiB   (runs: %d%s)\n", n, w[mid], m[mid]/1024, NR, note }' \
    | tee -a "$out/summary.txt"
}
# interleaved NAME CMD... -- NAME CMD... [-- ...]: like measure for each, but run by run in turn
# ($rounds times when the caller sets it, else $runs).
interleaved() {
  local -a names=() cmds=()
  local cur="" name=""
  while [ $# -gt 0 ]; do
    name=$1; shift; cur=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do cur+=" $(printf '%q' "$1")"; shift; done
    [ $# -gt 0 ] && shift
    names+=("$name"); cmds+=("$cur")
  done
  for n in "${names[@]}"; do : > "$out/$n.times"; done
  for i in $(seq "${rounds:-$runs}"); do
    for k in "${!names[@]}"; do
      eval "timed $(printf '%q' "${names[$k]}") ${cmds[$k]}"
    done
  done
  for n in "${names[@]}"; do
    report "$n" ", interleaved"
  done
}
median() { sort -n "$out/$1.times" | awk '{w[NR]=$1} END {print w[int((NR+1)/2)]}'; }
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" -v l="$3" 'BEGIN {printf "ratio %-40s %.2f\n", l, a/b}' | tee -a "$out/summary.txt"; }

: > "$out/summary.txt"
echo "tree: $tree ($(find "$tree" -name '*.[ch]' | wc -l) .c/.h files), $(nproc) cores" | tee -a "$out/summary.txt"

# 1. Front end: index vs ctags, and function coverage.
measure ctags sh -c "cd '$tree' && ctags -R --kinds-C=f -f '$out/tags' ."
measure index "$tpsync" index --no-cache --jobs 2 "$tree"
ratio index ctags "tpsync index / ctags -R --kinds-C=f"
"$tpsync" index --list-functions "$tree" > "$out/functions.txt"
python3 "$here/ctags-coverage.py" "$out/tags" "$out/functions.txt" > "$out/coverage.txt"
sed -n 1,5p "$out/coverage.txt" | tee -a "$out/summary.txt"

# 2. Model: context (which builds the whole model) vs index.
measure context "$tpsync" context --no-cache --jobs 2 perf_tp_event "$tree"
ratio context index "tpsync context (model) / tpsync index"

# 3. Whole-tree scan, cold cache, vs ctags and spatch.
measure scan-cold "$tpsync" scan --no-cache --jobs 2 --fail-on never "$tree"
cp "$out/scan-cold.out" "$out/findings.txt"
ratio scan-cold ctags "tpsync scan (cold) / ctags"
# spatch is installed when missing and apt-get may (a fresh machine as root), else the pair is
# named as missing in the summary rather than left out silently.
if ! command -v spatch >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -y -q coccinelle >/dev/null 2>&1 || true
fi
if command -v spatch >/dev/null; then
  printf '@@\nexpression E;\n@@\n* srcu_read_lock(E)\n' > "$out/srcu.cocci"
  measure spatch spatch --sp-file "$out/srcu.cocci" --dir "$tree" --jobs 2 --very-quiet
  ratio scan-cold spatch "tpsync scan (cold) / spatch srcu_read_lock(E)"
else
  echo "WARNING: no spatch (apt-get install coccinelle): the cold scan is not compared with it" \
    | tee -a "$out/summary.txt"
fi

# 4. Warm cache vs cat over all .c/.h files.
"$tpsync" scan --jobs 2 --fail-on never "$tree" > /dev/null
measure scan-warm "$tpsync" scan --jobs 2 --fail-on never "$tree"
measure cat sh -c "cd '$tree' && find . -name '*.[ch]' -print0 | xargs -0 cat > /dev/null"
ratio scan-warm cat "tpsync scan (warm) / cat *.c *.h"
cmp -s <(grep -v '^$' "$out/scan-cold.out") <(grep -v '^$' "$out/scan-warm.out") \
  && echo "cold and warm scans report identical findings" | tee -a "$out/summary.txt" \
  || echo "WARNING: cold and warm scans differ" | tee -a "$out/summary.txt"
"$tpsync" scan --no-cache --jobs 1 --fail-on never "$tree" > "$out/scan-jobs1.out"
cmp -s "$out/scan-cold.out" "$out/scan-jobs1.out" \
  && echo "--jobs 1 and --jobs 2 report identical findings" | tee -a "$out/summary.txt" \
  || echo "WARNING: --jobs 1 and --jobs 2 differ" | tee -a "$out/summary.txt"

# 5. Review of a one-commit range touching one file vs a whole-tree scan (no cache for either),
#    then a 10-patch series: that commit and the nine real-kernel patches of
#    benchmarks/real-kernel-patches (new files, code changes, a refactor, a revert).
repo=$("$top/../shared/kernel/get-kernel" "$ver" --git)
wt="$out/review-worktree"
if [ -d "$wt" ]; then git -C "$repo" worktree remove --force "$wt"; fi
git -C "$repo" worktree prune
git -C "$repo" worktree add -q --detach "$wt" HEAD
sed -i 's/^\t\trcu_read_lock();$/\t\tsynchronize_rcu();\n\t\trcu_read_lock();/' "$wt/kernel/events/core.c"
git -C "$wt" -c user.name=bench -c user.email=bench@localhost commit -qam "bench: one-file change"
git -C "$wt" -c user.name=bench -c user.email=bench@localhost am -q "$here"/real-kernel-patches/*.patch
# The three run in turn (review of the one-file commit, scan, the whole series), so that drift
# on a shared machine hits each of them alike.
interleaved review-1 "$tpsync" review --no-cache --jobs 2 --fail-on never -C "$wt" HEAD~10..HEAD~9 \
  -- scan-wt "$tpsync" scan --no-cache --jobs 2 --fail-on never "$wt" \
  -- review-10 "$tpsync" review --no-cache --jobs 2 --fail-on never -C "$wt" HEAD~10..HEAD
ratio review-1 scan-wt "tpsync review (1 commit, 1 file) / scan"
ratio review-10 scan-wt "tpsync review (10-patch series) / scan"

# hook_vs_checkpatch NAME LABEL: 'review --staged' as the pre-commit hook runs it (from the top of
# $wt, those two arguments and no others: HookCommandLine) and checkpatch.pl on the same staged
# diff (measured as checkpatch<NAME without "staged">), run by run in turn, and their ratio. (Each
# measured in a block of its own, a period of drift on this shared machine could fall on one of
# them only: in one run checkpatch.pl took 0.23 s for this row and 0.31-0.38 s for the rows
# around it.)
hook_vs_checkpatch() {
  local peer="checkpatch${1#staged}" rounds=$hook_runs
  git -C "$wt" diff --cached > "$out/$1.diff"
  interleaved "$1" env -C "$wt" "$tpsync" review --staged \
    -- "$peer" sh -c "cd '$wt' && perl scripts/checkpatch.pl --no-signoff -q - < '$out/$1.diff'"
  ratio "$1" "$peer" "$2"
}

# first_run NAME: the first of NAME's runs, alone: on the commit after, the run a hook makes once
# per commit (the median is of it and the runs again on the same index).
first_run() {
  echo "$1: first run $(head -1 "$out/$1.times" | cut -d' ' -f1) s (then $(sed -n '2,$p' "$out/$1.times" \
    | cut -d' ' -f1 | tr '\n' ' ')s)" | tee -a "$out/summary.txt"
}

# first_run_row NAME LABEL CHECK: hook_vs_checkpatch NAME LABEL, the first of its runs, and the
# same_as_no_cache check under CHECK: a row whose first run is the one a hook makes once per commit.
first_run_row() {
  hook_vs_checkpatch "$1" "$2"
  first_run "$1"
  same_as_no_cache "$1" "$3"
}

# same_as_no_cache NAME LABEL: the staged review's JSON report through the caches (summary, slice or
# graph) must be the one --no-cache gives from the whole tree.
same_as_no_cache() {
  "$tpsync" review --staged --fail-on never --format json -C "$wt" > "$out/$1.json" 2>/dev/null || true
  "$tpsync" review --staged --fail-on never --format json --no-cache -C "$wt" > "$out/$1-nocache.json" 2>/dev/null \
    || true
  if cmp -s "$out/$1.json" "$out/$1-nocache.json"; then
    echo "$2: the same JSON report as --no-cache ($(grep -c '"rule"' "$out/$1.json") finding lines)" \
      | tee -a "$out/summary.txt"
  else
    echo "WARNING: $2: the report differs from --no-cache" | tee -a "$out/summary.txt"
  fi
}

# 6. Pre-commit: review --staged of one changed file (warm cache) vs checkpatch.pl on the same diff.
# The change: an rcuidle tracepoint turned into a plain one (what lost-rcuidle is about).
sed -i '0,/trace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);/s//trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);/' \
  "$wt/kernel/trace/trace_preemptirq.c"
git -C "$wt" add kernel/trace/trace_preemptirq.c
"$tpsync" review --staged --fail-on never -C "$wt" > /dev/null 2>&1 || true   # keeps the base's summary, slice, graphs
hook_vs_checkpatch staged "tpsync review --staged (warm) / checkpatch.pl"
same_as_no_cache staged "reached code"
# 6'. The same hook on a JDK 25 or newer, when this machine has one: the launcher trains an AOT
# cache for it (its first run here), where JDK 17 gets a class-data archive.
jdk25=$(ls -d /usr/lib/jvm/*-25-* 2>/dev/null | head -1)
if [ -n "$jdk25" ]; then
  env -C "$wt" JAVA_HOME="$jdk25" "$tpsync" review --staged > /dev/null 2>&1 || true
  git -C "$wt" diff --cached > "$out/staged-jdk25.diff"
  rounds=$hook_runs interleaved staged-jdk25 env -C "$wt" JAVA_HOME="$jdk25" "$tpsync" review --staged \
    -- staged-jdk17 env -C "$wt" "$tpsync" review --staged \
    -- checkpatch-jdk25 sh -c "cd '$wt' && perl scripts/checkpatch.pl --no-signoff -q - < '$out/staged-jdk25.diff'"
  ratio staged-jdk25 checkpatch-jdk25 "tpsync review --staged on ${jdk25##*/} (AOT cache) / checkpatch.pl"
  ratio staged-jdk25 staged-jdk17 "the same hook, ${jdk25##*/} (AOT cache) / JDK 17 (class-data archive)"
fi
# 6b. The same hook on an edit that only moves code (a comment above a function and a blank
# line): review answers it from the touched file alone, without loading the tree.
git -C "$wt" reset -q --hard HEAD
sed -i '0,/^void trace_hardirqs_on(void)$/s//\/* Called with interrupts just enabled. *\/\n\nvoid trace_hardirqs_on(void)/' \
  "$wt/kernel/trace/trace_preemptirq.c"
git -C "$wt" add kernel/trace/trace_preemptirq.c
hook_vs_checkpatch staged-layout "review --staged, code moved only / checkpatch.pl"
# 6c. The hook on the commit after: the change of 6 committed, another rcuidle tracepoint turned
# plain and staged. HEAD moved: the runs of 6 kept the summary and the slice of the index's tree,
# now HEAD's, and the slice's graph kept for the commit before is rebuilt to it.
git -C "$wt" reset -q --hard HEAD
sed -i '0,/trace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);/s//trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);/' \
  "$wt/kernel/trace/trace_preemptirq.c"
git -C "$wt" -c user.name=bench -c user.email=bench@localhost commit -qam "bench: a plain tracepoint"
sed -i '0,/trace_irq_disable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);/s//trace_irq_disable(CALLER_ADDR0, CALLER_ADDR1);/' \
  "$wt/kernel/trace/trace_preemptirq.c"
git -C "$wt" add kernel/trace/trace_preemptirq.c
first_run_row staged-next "review --staged after a commit / checkpatch.pl" \
  "reached code, the commit after"
# 6c'. The commit after that, to reached code of another file (a second stop_critical_timings()
# in kernel/sched/idle.c's cpu_idle_poll()): the slice the runs of 6c kept is HEAD's, but its
# model was kept with kernel/trace/trace_preemptirq.c whole, not this file; the first run builds it.
git -C "$wt" -c user.name=bench -c user.email=bench@localhost commit -qm "bench: another plain tracepoint"
sed -i '0,/^\tstop_critical_timings();$/s//\tstop_critical_timings();\n\tstop_critical_timings();/' \
  "$wt/kernel/sched/idle.c"
git -C "$wt" add kernel/sched/idle.c
first_run_row staged-other-file "review --staged after a commit, another file / checkpatch.pl" \
  "reached code of another file, the commit after"
git -C "$wt" reset -q --hard HEAD
# 6d. The commit after that, to code no context reaches (a might_sleep() at the top of
# drivers/char/mem.c's write_mem()): the runs of 6c kept the context summary of the index's tree, now HEAD's, and the
# hook judges the change from it and the touched file. Checked against --no-cache (JSON).
sed -i '0,/^\t\t\t size_t count, loff_t \*ppos)$/{/^\t\t\t size_t count, loff_t \*ppos)$/{n;s/^{$/{\n\tmight_sleep();/}}' \
  "$wt/drivers/char/mem.c"
git -C "$wt" add drivers/char/mem.c
hook_vs_checkpatch staged-unreached "review --staged, code no context reaches / checkpatch.pl"
same_as_no_cache staged-unreached "code no context reaches"
# 6e. Two commits on: the change of 6d committed, then a commit that only moves code (a comment
# above drivers/char/mem.c's read_mem()), whose hook run carries the summary over to the tree it
# makes; then, staged, an unregister and a kfree() in read_port() of the same file: judged from
# that summary (it was judged the long way before the eighth session). Checked against --no-cache.
g() { git -C "$wt" -c user.name=bench -c user.email=bench@localhost "$@"; }
g commit -qm "bench: might_sleep() in write_mem()"
sed -i '0,/^static ssize_t read_mem(/s//\/* \/dev\/mem: read physical memory. *\/\nstatic ssize_t read_mem(/' \
  "$wt/drivers/char/mem.c"
g add drivers/char/mem.c
"$tpsync" review --staged --fail-on never -C "$wt" > /dev/null 2>&1 || true   # the moves-only commit's hook run
g commit -qm "bench: say what read_mem() is"
sed -i '/^static ssize_t read_port(/,/^{$/{s/^{$/{\n\ttracepoint_probe_unregister(\&__tracepoint_sched_switch, probe_fn, pdata);\n\tkfree(pdata);/}' \
  "$wt/drivers/char/mem.c"
g add drivers/char/mem.c
hook_vs_checkpatch staged-after-moves "review --staged, the commit after a moves-only one / checkpatch.pl"
same_as_no_cache staged-after-moves "after a moves-only commit"
git -C "$wt" reset -q --hard HEAD~4
# 6f. The change of 6 again, in a repository the size of a kernel clone with its history: the
# linux-source tree is one commit of ~83,000 objects, torvalds/linux ~10 million. A pack of 10
# million small blobs (made once with git fast-import, kept beside the kernel trees) is linked into
# the repository for this row alone: every object lookup searches its 280 MB index too (JGit, which
# read the hook's objects before the twelfth session, loaded each index whole: 0.9-1.1 s, 600 MB).
history="$(dirname "$repo")/history-10m.git"
if [ ! -f "$history/complete" ]; then
  rm -rf "$history" && git init -q --bare "$history"
  perl -e 'for my $i (0 .. 9_999_999) { my $c = "object $i of a long history\n";
    printf "blob\ndata %d\n%s\n", length($c), $c }' | git -C "$history" fast-import --quiet --depth=0
  touch "$history/complete"
fi
extra=()
for f in "$history"/objects/pack/pack-*.{idx,pack}; do
  ln -f "$f" "$repo/.git/objects/pack/" 2>/dev/null || cp "$f" "$repo/.git/objects/pack/"
  extra+=("$repo/.git/objects/pack/${f##*/}")
done
trap 'rm -f "${extra[@]}"' EXIT
sed -i '0,/trace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);/s//trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);/' \
  "$wt/kernel/trace/trace_preemptirq.c"
git -C "$wt" add kernel/trace/trace_preemptirq.c
echo "objects in the repository: $(git -C "$wt" count-objects -v | awk '/^in-pack/ {print $2}') packed" \
  | tee -a "$out/summary.txt"
hook_vs_checkpatch staged-history "review --staged, reached code, 10M objects / checkpatch.pl"
same_as_no_cache staged-history "reached code, 10M objects"
rm -f "${extra[@]}"
trap - EXIT
git -C "$wt" reset -q --hard HEAD
# 6g. Changes that define a function, on the base of 6 (the long way until the fourteenth session,
# 2.2-2.6 s): a static helper with a plain tracepoint called in cpu_idle_poll() right after
# ct_idle_enter() (a lost-rcuidle finding; the slice holds the file), then a static helper called
# at the top of drivers/char/mem.c's write_mem() (code no context reaches; the slice does not hold
# the file, so it is added whole). The first run of each builds the slice's model with that file.
perl -0pi -e 's/(static noinline int __cpuidle cpu_idle_poll\(void\)\n\{\n(?:.*\n)*?\tct_idle_enter\(\);\n)/static void idle_poll_note(void)\n{\n\ttrace_cpu_idle(1, smp_processor_id());\n}\n\n$1\tidle_poll_note();\n/' \
  "$wt/kernel/sched/idle.c"
git -C "$wt" add kernel/sched/idle.c
first_run_row staged-defined "review --staged, a function added to reached code / checkpatch.pl" \
  "a function added to reached code"
git -C "$wt" reset -q --hard HEAD
perl -0pi -e 's/(static ssize_t write_mem\([^{]*\{\n)/static void mem_note_write(void)\n{\n\tmight_sleep();\n}\n\n$1\tmem_note_write();\n/' \
  "$wt/drivers/char/mem.c"
git -C "$wt" add drivers/char/mem.c
first_run_row staged-defined-unreached "review --staged, a function added where nothing reaches / checkpatch.pl" \
  "a function added where nothing reaches"
git -C "$wt" reset -q --hard HEAD
# 6g''. A function named like a tracepoint's call, of a tracepoint the tree does not declare (as
# trace_hardirqs_on() and the tracing core's trace_* helpers are), added to kernel/sched/idle.c:
# row 6i's change until the twentieth session, the long way until then, judged on the slice since.
printf 'void trace_bench_note(void)\n{\n}\n' >> "$wt/kernel/sched/idle.c"
git -C "$wt" add kernel/sched/idle.c
first_run_row staged-trace-named "review --staged, a trace_* function added / checkpatch.pl" \
  "a trace_* function added (no such tracepoint)"
git -C "$wt" reset -q --hard HEAD
# 6m. An RCU read side at the top of perf's probe template (include/trace/perf.h): every perf
# probe takes it, and those of tracepoints hit in NMI run in NMI (an nmi-perf-rcu error). The
# slice holds every template and the probes of every reached tracepoint: judged on it since the
# twenty-first session (row 6i's kind of change until then, the long way).
perl -0pi -e 's/(perf_trace_##call\(void \*__data, proto\)\s*\\\n\{[ \t]*\\\n)/$1\trcu_read_lock();\t\t\\\n\trcu_read_unlock();\t\t\\\n/' \
  "$wt/include/trace/perf.h"
git -C "$wt" add include/trace/perf.h
first_run_row staged-template "review --staged, an RCU read side in perf's probe template / checkpatch.pl" \
  "an RCU read side in perf's probe template"
git -C "$wt" reset -q --hard HEAD
# 6l. A call of a function no reached code calls (usb_register_driver(), drivers/usb/core/driver.c)
# in cpu_idle_poll()'s idle region: the slice lacks its definitions and what they call, so the
# first run reads the tree's facts and widens the slice (by the call it foresees, then once more)
# instead of loading the graph, and keeps the wider slice for HEAD apart from HEAD's own; the runs
# after it start from that wider slice and read no facts.
sed -i '0,/^\tct_idle_enter();/s//\tct_idle_enter();\n\tusb_register_driver(NULL, NULL, NULL);/' "$wt/kernel/sched/idle.c"
git -C "$wt" add kernel/sched/idle.c
first_run_row staged-wider "review --staged, a call of what no reached code calls / checkpatch.pl" \
  "a call of what no reached code calls (a wider slice)"
git -C "$wt" reset -q --hard HEAD
# first_runs NAME LABEL PREPARE: $runs times, PREPARE (a function given the run's number) makes
# the state and stages a change; then one hook run and one checkpatch.pl run on the staged diff;
# then the change is dropped. Each hook run is the first of its kind (on its HEAD, or on its
# index): medians of those, and their ratio. Rows for what happens once per pull or per index.
first_runs() {
  local name=$1 label=$2 prepare=$3 peer="checkpatch${1#staged}" i
  : > "$out/$name.times"
  : > "$out/$peer.times"
  for i in $(seq "$runs"); do
    "$prepare" "$i"
    git -C "$wt" diff --cached > "$out/$name.diff"
    timed "$name" env -C "$wt" "$tpsync" review --staged
    timed "$peer" sh -c "cd '$wt' && perl scripts/checkpatch.pl --no-signoff -q - < '$out/$name.diff'"
    git -C "$wt" reset -q --hard HEAD
  done
  report "$name" ", each the first of its kind"
  report "$peer" ""
  ratio "$name" "$peer" "$label"
}

# 6h. The first hook run on a HEAD no hook run has seen (a commit made with --no-verify, git am):
# neither its context summary nor its slice is kept. Its parent's are (6's runs kept them), so the
# run carries them forward, judging the commit as the hook would have (HeadCatchUp), then judges
# the staged change on HEAD's slice; until the twenty-second session it loaded the tree's facts,
# rebuilt the nearest graph kept and kept the summaries and slices of HEAD's tree and the index's.
# Each run is the first on a HEAD of its own: a declaration committed to drivers/char/mem.c (code
# no context reaches) without the hook, then the change of 6 staged.
unseen_head() {
  sed -i "0,/^static ssize_t read_port(/s//static int bench_unseen_$1;\n\nstatic ssize_t read_port(/" \
    "$wt/drivers/char/mem.c"
  g commit -qam "bench: a commit no hook saw ($1)"
  sed -i '0,/trace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);/s//trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);/' \
    "$wt/kernel/trace/trace_preemptirq.c"
  git -C "$wt" add kernel/trace/trace_preemptirq.c
}
first_runs staged-unseen "review --staged, the first run on a HEAD no hook saw / checkpatch.pl" unseen_head
# 6i. The first long-way run on an index: a function defined in kernel/sched/idle.c under the
# name of a declared tracepoint's call (trace_sched_switch()), whose calls the tree's model takes
# for the tracepoint's, which the slice cannot vouch for; HEAD's summary is kept (6h's last run
# carried it forward; until the twenty-second session it loaded the tree and kept HEAD's graph too,
# which this run now rebuilds from one a few files away), and the run keeps the slice of the tree
# the commit will make. Each run
# stages the definition with another comment, so each index is new. No target (the slice path's
# rows have one). The change was a trace_* function of no tracepoint until the twentieth session
# (row 6g'' since), and a macro added to include/trace/trace_events.h in it (judged on the slice
# since the twenty-first, as row 6m's template edit is).
tracepoint_call_defined() {
  printf '\n/* bench: %s */\nvoid trace_sched_switch(bool preempt)\n{\n}\n' "$1" >> "$wt/kernel/sched/idle.c"
  git -C "$wt" add kernel/sched/idle.c
}
first_runs staged-long-way "review --staged, the first long-way run on an index / checkpatch.pl" tracepoint_call_defined
# 6j. The first hook run after a pull: ten commits of 30 .c files each under drivers/ made without
# the hook (each run pulls other texts of them). HEAD is more commits from a kept summary than a
# hook run carries one forward (HeadCatchUp looks back 8), and too many files from every kept
# graph to rebuild one, so the run parses the pulled files, builds the graph and keeps HEAD's
# summary and slice. (One commit of 300 files until the twenty-second session, which a run now
# carries forward.) 6k: the same pull, then 'tpsync hook warm' (what the post-merge hook 'hook
# install' writes starts in the background after a pull; its time is reported apart, as
# staged-warm-up), then the change of 6: the hook finds the summary and slice it starts from.
# Once per pull: no target.
pull_300() {
  local c
  for c in $(seq 0 9); do
    # (awk picks the 30 itself: a head closing the pipe early would fail the script under pipefail)
    git -C "$wt" ls-files 'drivers/*.c' | awk -v c="$c" 'NR % 40 == 0 && ++n > 30 * c && n <= 30 * (c + 1)' \
      | while read -r f; do
      printf '/* bench: pulled (%s) */\n' "$1" >> "$wt/$f"
    done
    g commit -qam "bench: a pull of 300 files, part $c ($1)"
  done
}
stage_plain_tracepoint() {
  sed -i '0,/trace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);/s//trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);/' \
    "$wt/kernel/trace/trace_preemptirq.c"
  git -C "$wt" add kernel/trace/trace_preemptirq.c
}
after_pull() {
  pull_300 "cold $1"
  stage_plain_tracepoint
}
first_runs staged-after-pull "review --staged, the first run after a pull of 300 files / checkpatch.pl" after_pull
: > "$out/staged-warm-up.times"
after_pull_warmed() {
  pull_300 "warmed $1"
  timed staged-warm-up env -C "$wt" "$tpsync" hook warm -q
  stage_plain_tracepoint
}
first_runs staged-warmed "review --staged, the first run after a pull and hook warm / checkpatch.pl" after_pull_warmed
report staged-warm-up ", tpsync hook warm after each pull (in the background)"

# check_series NAME: the range $base..HEAD of $wt reviewed through the cache must be judged patch
# by patch (-v names it, the whole tree's facts not read) and give the JSON report --no-cache
# gives from the whole tree (its time reported apart, once, as NAME-nocache).
check_series() {
  local name=$1
  "$tpsync" review -v --fail-on never --format json -C "$wt" "$base..HEAD" > "$out/$name.json" \
    2> "$out/$name.err" || true
  grep -q "tpsync: patch by patch" "$out/$name.err" && ! grep -q "tpsync: facts" "$out/$name.err" \
    && echo "$name: judged patch by patch (the whole tree's facts not read)" | tee -a "$out/summary.txt" \
    || echo "WARNING: $name: not judged patch by patch" | tee -a "$out/summary.txt"
  : > "$out/$name-nocache.times"
  timed "$name-nocache" "$tpsync" review --no-cache --fail-on never --format json -C "$wt" "$base..HEAD"
  report "$name-nocache" ", the same series from the whole tree (--no-cache)"
  if cmp -s "$out/$name.json" "$out/$name-nocache.out"; then
    echo "$name: the same JSON report as --no-cache ($(grep -c '"rule"' "$out/$name.json") finding lines)" \
      | tee -a "$out/summary.txt"
  else
    echo "WARNING: $name: the report differs from --no-cache" | tee -a "$out/summary.txt"
  fi
}

# 7. A series reviewed before it is sent: seven one-file commits on the tree the hook last saw
# (its summary kept: 'hook warm' first), reviewed as a range through the cache, which judges them
# patch by patch, each on the summary and slice the one before leaves (PatchByPatch), against
# checkpatch.pl over the series' patches, run by run in turn. Three ways, each round in this
# order: the long way, as it ran until the twenty-second session (the cache's context summaries
# removed before each run: the tree's facts and graph stay warm, and the run keeps the base's
# summary and slice again); a first review (no slice model kept: each patch's is built); and the
# same review again (it restores the slice models the first kept, named by their slices'
# lineage). The edits: a udelay() in the idle region, an rcuidle tracepoint turned plain,
# rcu_read_lock() in perf glue NMI reaches, a comment, an attribute, a call in the idle region
# of a function no reached code called (judged on a wider slice), a helper no context reaches;
# none makes a function sleep. Then the report must be the one --no-cache gives from the whole
# tree (its time reported apart, once).
base=$(git -C "$repo" rev-parse HEAD)
git -C "$wt" reset -q --hard
git -C "$wt" checkout -q --detach "$base"
env -C "$wt" "$tpsync" hook warm -q
sed -i '0,/^\tct_idle_enter();/s//\tct_idle_enter();\n\tudelay(1);/' "$wt/kernel/sched/idle.c"
g commit -qam "bench series: a udelay() in the idle region"
sed -i '0,/trace_irq_enable_rcuidle(CALLER_ADDR0, CALLER_ADDR1);/s//trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);/' \
  "$wt/kernel/trace/trace_preemptirq.c"
g commit -qam "bench series: a plain tracepoint"
sed -i '0,/^\tperf_tp_event(call/s//\trcu_read_lock();\n\trcu_read_unlock();\n\tperf_tp_event(call/' \
  "$wt/kernel/events/core.c"
g commit -qam "bench series: RCU in perf glue"
printf '\n/* bench series */\n' >> "$wt/kernel/sched/idle.c"
g commit -qam "bench series: a comment"
sed -i '0,/^static noinline int __cpuidle cpu_idle_poll(void)$/s//static noinline int __cpuidle __maybe_unused cpu_idle_poll(void)/' \
  "$wt/kernel/sched/idle.c"
g commit -qam "bench series: an attribute"
sed -i '0,/^\tct_idle_enter();/s//\tct_idle_enter();\n\tmemweight(NULL, 0);/' "$wt/kernel/sched/idle.c"
g commit -qam "bench series: a call no reached code made before"
printf '\nstatic void bench_series_helper(void)\n{\n}\n' >> "$wt/kernel/trace/trace_preemptirq.c"
g commit -qam "bench series: a helper"
rm -rf "$out/series-patches"
git -C "$wt" format-patch -q -o "$out/series-patches" "$base..HEAD"
summaries="$(git -C "$wt" rev-parse --path-format=absolute --git-common-dir)/tpsync/cache"
rounds=$hook_runs interleaved \
  series-long-way sh -c "rm -rf '$summaries'/*/summaries && '$tpsync' review --fail-on never -C '$wt' '$base..HEAD'" \
  -- series-first sh -c "rm -rf '$summaries'/*/slice-models && '$tpsync' review --fail-on never -C '$wt' '$base..HEAD'" \
  -- series "$tpsync" review --fail-on never -C "$wt" "$base..HEAD" \
  -- checkpatch-series sh -c "cd '$wt' && perl scripts/checkpatch.pl --no-signoff -q '$out'/series-patches/*.patch"
ratio series checkpatch-series "tpsync review of a 7-patch series (again) / checkpatch.pl"
ratio series-first checkpatch-series "the same, no slice model kept (a first review) / checkpatch.pl"
ratio series series-long-way "the same again, patch by patch / the long way"
check_series series

# 8. The ten-patch series of row 5 (the one-file change that puts synchronize_rcu() in perf glue
# NMI reaches, then the nine real-kernel patches: new files, code changes, a refactor, a revert)
# reviewed through the cache on the hook's tree, patch by patch (the patches after the sleeping
# call searched with the base's word on it), against the same review the long way (context
# summaries removed before each run) and checkpatch.pl over the ten patches; then its JSON
# against --no-cache.
git -C "$wt" reset -q --hard
git -C "$wt" checkout -q --detach "$base"
env -C "$wt" "$tpsync" hook warm -q
sed -i 's/^\t\trcu_read_lock();$/\t\tsynchronize_rcu();\n\t\trcu_read_lock();/' "$wt/kernel/events/core.c"
g commit -qam "bench: one-file change"
git -C "$wt" -c user.name=bench -c user.email=bench@localhost am -q "$here"/real-kernel-patches/*.patch
rm -rf "$out/series10-patches"
git -C "$wt" format-patch -q -o "$out/series10-patches" "$base..HEAD"
rounds=$hook_runs interleaved \
  series10-long-way sh -c "rm -rf '$summaries'/*/summaries && '$tpsync' review --fail-on never -C '$wt' '$base..HEAD'" \
  -- series10 "$tpsync" review --fail-on never -C "$wt" "$base..HEAD" \
  -- checkpatch-series10 sh -c "cd '$wt' && perl scripts/checkpatch.pl --no-signoff -q '$out'/series10-patches/*.patch"
ratio series10 checkpatch-series10 "tpsync review of the 10-patch series (cached) / checkpatch.pl"
ratio series10 series10-long-way "the same, patch by patch / the long way"
check_series series10
echo "summary in $out/summary.txt"
