package dev.tpsync.model;

import dev.tpsync.c.structure.DeferredCalls;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The entry points, registration idioms and region markers the contexts start from. Kept as
 * data so configuration can add an architecture's NMI handler or a driver's idle region
 * without code.
 *
 * @param nmiEntryFunctions    functions that run in NMI by definition (exc_nmi, PMU handlers)
 * @param callbackRegistrations calls that make a function a callback of a known caller
 * @param callbackFields       struct members whose stored function is called by a known caller
 * @param probeTemplates       #define bodies that generate a probe per event class
 * @param notWatchingRegions   extra (enter, exit) call pairs that bracket RCU-not-watching code
 * @param contextBoundaries    functions (or {@code prefix*suffix} patterns) a context does not flow through: they never run the
 *                             rest of their callees in that context (NMI never schedules; a
 *                             printk from NMI defers the console to irq_work; panic ends it all)
 * @param primaryArch          the architecture the tree is read as ({@code arch/x86}): generic code
 *                             links to its definitions, and others' only when nobody else has one
 * @param unbuiltFiles         files that configuration does not build, whose definitions would
 *                             shadow the real ones (Tiny RCU beside Tree RCU, SLOB and SLAB beside SLUB)
 */
public record ContextSpec(List<String> nmiEntryFunctions, List<CallbackRegistration> callbackRegistrations,
                          List<CallbackField> callbackFields, List<ProbeTemplate> probeTemplates,
                          List<RegionMarkers> notWatchingRegions, List<String> contextBoundaries,
                          String primaryArch, List<String> unbuiltFiles) {

    public ContextSpec {
        nmiEntryFunctions = List.copyOf(nmiEntryFunctions);
        callbackRegistrations = List.copyOf(callbackRegistrations);
        callbackFields = List.copyOf(callbackFields);
        probeTemplates = List.copyOf(probeTemplates);
        notWatchingRegions = List.copyOf(notWatchingRegions);
        contextBoundaries = List.copyOf(contextBoundaries);
        unbuiltFiles = List.copyOf(unbuiltFiles);
    }

    /**
     * A text that differs whenever two specs do: what caches kept per spec are keyed by. Written
     * out field by field rather than through the records' toString, whose first call per record
     * type bootstraps method handles (~15 ms of a ~0.5 s pre-commit hook run).
     */
    public String cacheKey() {
        StringBuilder key = new StringBuilder(1024);
        field(key, "nmi", nmiEntryFunctions);
        for (CallbackRegistration r : callbackRegistrations) {
            field(key, "registration", List.of(r.registrar(), Integer.toString(r.functionArgument()), r.invokedFrom()));
        }
        for (CallbackField f : callbackFields) {
            field(key, "field", List.of(f.field(), f.invokedFrom(), f.pathPrefix()));
        }
        for (ProbeTemplate t : probeTemplates) {
            field(key, "template", List.of(t.macro(), t.generatedPrefix(), t.fileSuffix()));
        }
        for (RegionMarkers m : notWatchingRegions) {
            field(key, "region", List.of(m.enter(), m.exit()));
        }
        field(key, "boundaries", contextBoundaries);
        field(key, "arch", List.of(primaryArch));
        field(key, "unbuilt", unbuiltFiles);
        return key.toString();
    }

    /** One line: the name, then each value after a NUL (names and paths hold neither NUL nor newline). */
    private static void field(StringBuilder key, String name, List<String> values) {
        key.append(name);
        for (String v : values) {
            key.append('\0').append(v);
        }
        key.append('\n');
    }

    /** A spec read as the default configuration: x86 SMP with Tree RCU and SLUB. */
    public ContextSpec(List<String> nmiEntryFunctions, List<CallbackRegistration> callbackRegistrations,
                       List<CallbackField> callbackFields, List<ProbeTemplate> probeTemplates,
                       List<RegionMarkers> notWatchingRegions, List<String> contextBoundaries) {
        this(nmiEntryFunctions, callbackRegistrations, callbackFields, probeTemplates, notWatchingRegions,
            contextBoundaries, DEFAULT_ARCH, DEFAULT_UNBUILT);
    }

    /** What the model reads a tree as unless configured otherwise. */
    public static final String DEFAULT_ARCH = "arch/x86";

    /** Built by no x86 SMP configuration, yet defining the names Tree RCU / SLUB define. */
    public static final List<String> DEFAULT_UNBUILT = List.of(
        "kernel/rcu/tiny.c", "kernel/rcu/srcutiny.c", "include/linux/rcutiny.h", "include/linux/srcutiny.h",
        "mm/slob.c", "mm/slab.c");

    /** This spec read as another architecture ({@code arch/arm64}). */
    public ContextSpec withPrimaryArch(String arch) {
        return new ContextSpec(nmiEntryFunctions, callbackRegistrations, callbackFields, probeTemplates,
            notWatchingRegions, contextBoundaries, arch, unbuiltFiles);
    }

    /**
     * {@code registrar(..., fn, ...)} makes {@code fn} a callback invoked from {@code invokedFrom}.
     * An empty {@code invokedFrom} means "a probe of the tracepoint named by the registrar".
     */
    public record CallbackRegistration(String registrar, int functionArgument, String invokedFrom) {

        /** {@code register_nmi_handler} exactly; a registrar ending in '_' ({@code register_trace_}) as a prefix of more. */
        public boolean isMadeBy(String callee) {
            return registrar.endsWith("_") ? callee.startsWith(registrar) && callee.length() > registrar.length()
                : callee.equals(registrar);
        }
    }

    /**
     * {@code x->field = fn} / {@code .field = fn} makes {@code fn} a callback of {@code invokedFrom},
     * for stores in files under {@code pathPrefix} (empty: anywhere). The prefix keeps a generic
     * member name such as {@code handle_irq} to the one subsystem where it means a PMU handler.
     */
    public record CallbackField(String field, String invokedFrom, String pathPrefix) {
        public boolean appliesTo(String file) {
            return file.startsWith(pathPrefix);
        }

        /** True when a store to member {@code member} in {@code file} links a callback here. */
        public boolean links(String member, String file) {
            return field.equals(member) && appliesTo(file);
        }
    }

    /**
     * Whether a call of {@code callee} registers a callback or probe: one of the
     * {@link #callbackRegistrations} is made by it ({@code register_nmi_handler},
     * {@code register_trace_*}).
     */
    public boolean isRegistrar(String callee) {
        // For a review's few questions; the model and slicing, which ask it of every call of a
        // tree, use registrars() (ContextSpecTest holds the two to one answer).
        for (CallbackRegistration r : callbackRegistrations) {
            if (r.isMadeBy(callee)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #isRegistrar} as one object for many questions ({@link Registrars}). */
    public Registrars registrars() {
        return new Registrars(callbackRegistrations);
    }

    /**
     * The registrars' names made ready for many questions: the exact ones in a set, the prefixes
     * ({@code register_trace_}) apart. Slicing a kernel asks of each of its ~8 million calls
     * whether it registers, where each registration's own test ({@link CallbackRegistration#isMadeBy})
     * cost the first hook run after a pull ~1 s.
     */
    public static final class Registrars {
        private final Set<String> exact = new HashSet<>();
        /** The lengths of the exact names: most callees have none of them, and are not hashed. */
        private final BitSet exactLengths = new BitSet();
        /**
         * An array, not a list: the hook runs compiled by C1 alone, which allocates the iterator
         * of every for-each over a list (~90 MB over a kernel's calls).
         */
        private final String[] prefixes;
        /** {@link #madeBy} as one object, for the scans of every function's calls. */
        private final Predicate<String> madeBy = this::madeBy;

        private Registrars(List<CallbackRegistration> registrations) {
            List<String> prefixed = new ArrayList<>();
            for (CallbackRegistration r : registrations) {
                if (r.registrar().endsWith("_")) {
                    prefixed.add(r.registrar());
                } else {
                    exact.add(r.registrar());
                    exactLengths.set(r.registrar().length());
                }
            }
            prefixes = prefixed.toArray(String[]::new);
        }

        /**
         * Whether {@code fn} registers a callback or probe: a direct call of it is made by one of
         * these registrars. Read from its cached calls without decoding them (see DeferredCalls):
         * slicing asks this of every function of a tree. The model links registrations by the same
         * test, so this is the one place the rule is stated for both.
         */
        public boolean calledBy(FunctionDef fn) {
            return DeferredCalls.anyDirectCallee(fn.calls(), madeBy);
        }

        /** As {@link ContextSpec#isRegistrar}. */
        public boolean madeBy(String callee) {
            if (exactLengths.get(callee.length()) && exact.contains(callee)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (callee.length() > prefix.length() && callee.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether a store to member {@code member} in {@code file} links a callback to its invoker (one of {@link #callbackFields}). */
    public boolean linksCallback(String member, String file) {
        // Indexed: asked of every member store of a kernel when a hook run slices its tree,
        // compiled by C1 alone, which allocates the iterator of every for-each.
        for (int i = 0; i < callbackFields.size(); i++) {
            if (callbackFields.get(i).links(member, file)) {
                return true;
            }
        }
        return false;
    }

    /** A #define body generating {@code prefix<class>} probes (include/trace/perf.h and friends). */
    public record ProbeTemplate(String macro, String generatedPrefix, String fileSuffix) {
        /** Whether {@code def} is this template: a #define of its macro whose body defines {@code generatedPrefix##...}. */
        public boolean isDefinedBy(FunctionDef def) {
            return def.kind() == FunctionKind.MACRO_BODY && def.name().equals(macro)
                && def.generatedPrefix().equals(generatedPrefix);
        }
    }

    /** Calls that open and close a region where RCU is not watching. */
    public record RegionMarkers(String enter, String exit) {
    }

    /** The kernel's own entry points and idioms as of 4.19 .. 7.0. */
    public static ContextSpec kernelDefaults() {
        return new ContextSpec(
            // Named entries; PMU handlers are reached through register_nmi_handler(), and other
            // architectures' NMI paths through their nmi_enter() calls.
            List.of("exc_nmi", "exc_nmi_noist", "do_nmi"),
            List.of(
                new CallbackRegistration("register_nmi_handler", 1, "nmi_handle"),
                new CallbackRegistration("__register_nmi_handler", 1, "nmi_handle"),
                new CallbackRegistration("tracepoint_probe_register", 1, ""),
                new CallbackRegistration("tracepoint_probe_register_prio", 1, ""),
                new CallbackRegistration("tracepoint_probe_register_prio_may_exist", 1, ""),
                new CallbackRegistration("register_trace_", 0, "")),
            List.of(new CallbackField("overflow_handler", "__perf_event_overflow", ""),
                new CallbackField("handle_irq", "perf_event_nmi_handler", "arch/x86/events/")),
            List.of(new ProbeTemplate("DECLARE_EVENT_CLASS", "perf_trace_", "include/trace/perf.h"),
                new ProbeTemplate("DECLARE_EVENT_CLASS", "trace_event_raw_event_", "include/trace/trace_events.h"),
                new ProbeTemplate("__BPF_DECLARE_TRACE", "__bpf_trace_", "include/trace/bpf_probe.h")),
            List.of(),
            List.of(
                // The scheduler: reached through preempt_enable(), never taken in NMI or idle.
                "schedule", "__schedule", "preempt_schedule", "preempt_schedule_notrace", "preempt_schedule_irq",
                "__preempt_schedule", "__preempt_schedule_notrace", "preempt_schedule_common", "context_switch",
                "switch_to", "__switch_to", "__switch_to_asm", "schedule_timeout", "schedule_preempt_disabled",
                "_cond_resched", "__cond_resched", "__might_sleep", "__might_resched", "io_schedule",
                // Wakeups take runqueue locks and are not NMI-safe: NMI code defers them to irq_work.
                "try_to_wake_up", "wake_up_process", "wake_up_state",
                // Fatal paths: whatever they call runs once, on the way down.
                "panic", "nmi_panic", "*_panic", "die", "oops_end", "__die", "__warn", "warn_slowpath_fmt", "__warn_printk",
                "report_bug", "dump_stack", "dump_stack_lvl", "show_regs", "__show_regs", "show_stack",
                "emergency_restart", "machine_restart", "kernel_restart", "crash_kexec", "__crash_kexec",
                // printk from NMI/idle stores the record and defers console output to irq_work.
                "vprintk_emit", "console_unlock", "console_flush_all", "console_trylock_spinning",
                "wake_up_klogd", "defer_console_output", "early_printk",
                // Softirqs never run from NMI or idle: local_bh_enable() there does not process them.
                "__do_softirq", "handle_softirqs", "do_softirq", "invoke_softirq", "do_softirq_own_stack",
                // Direct reclaim and page-fault handling sleep; the allocations that reach them from
                // atomic context use GFP_ATOMIC/GFP_NOWAIT and never do.
                "try_to_free_pages", "try_to_free_mem_cgroup_pages", "__alloc_pages_slowpath",
                "__alloc_pages_direct_reclaim", "do_try_to_free_pages", "handle_mm_fault", "__handle_mm_fault",
                // Debuggers stop the machine and run an interactive loop of their own.
                "kgdb_cpu_enter", "kgdb_handle_exception", "kdb_main_loop", "kdb_stub", "kdb_getstr", "vkdb_printf",
                // User page faults: in NMI they bail out before taking mmap_lock.
                "do_user_addr_fault", "lock_mm_and_find_vma",
                // lockdep's reports (print_usage_bug, print_circular_bug, ...) run once, then lockdep is off.
                "print_*_bug", "debug_locks_off", "print_lock*", "print_bad_*", "print_tainted", "RCU_LOCKDEP_WARN",
                "lockdep_rcu_suspicious",
                // Sanitizer reports (KMSAN, KASAN, KCSAN) print once and go on; they are not a path code runs on.
                "kmsan_print_origin", "kmsan_report", "slab_err", "slab_bug", "object_err", "print_trailer",
                "VM_BUG_ON*", "dump_page", "__dump_page", "bad_page", "print_hex_dump",
                // slub_debug checks (off unless booted with slub_debug) and their reports.
                "free_debug_processing", "alloc_debug_processing", "kasan_report*", "__kasan_report", "kcsan_report_*",
                // The GUP slow path sleeps on mmap_lock; *_fast_only callers never fall back to it.
                "__gup_longterm_locked", "__gup_longterm_unlocked", "get_user_pages_unlocked"));
    }

    /** True when {@code name} is one of the context boundaries (exact, or a {@code a*b} pattern). */
    public boolean isBoundary(String name) {
        return new BoundaryMatcher(contextBoundaries).matches(name);
    }

    /** This spec plus configured additions. */
    public ContextSpec plus(List<String> moreNmiEntries, List<RegionMarkers> moreRegions) {
        List<String> entries = new ArrayList<>(nmiEntryFunctions);
        entries.addAll(moreNmiEntries);
        List<RegionMarkers> regions = new ArrayList<>(notWatchingRegions);
        regions.addAll(moreRegions);
        return new ContextSpec(entries, callbackRegistrations, callbackFields, probeTemplates, regions,
            contextBoundaries, primaryArch, unbuiltFiles);
    }
}
