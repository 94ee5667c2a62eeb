package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The text caches key a spec by: equal for equal specs, different when any one field differs. */
class ContextSpecTest {

    private static final ContextSpec KERNEL = ContextSpec.kernelDefaults();

    @Test
    void equalSpecsHaveOneKey() {
        assertThat(ContextSpec.kernelDefaults().cacheKey()).isEqualTo(KERNEL.cacheKey());
        assertThat(KERNEL.withPrimaryArch("arch/x86").cacheKey()).isEqualTo(KERNEL.cacheKey());
    }

    @Test
    void registrarsAnswerAsEachRegistrationDoes() {
        ContextSpec spec = with(s -> new ContextSpec(s.nmiEntryFunctions(), added(s.callbackRegistrations(),
            new ContextSpec.CallbackRegistration("my_hook_", 0, "my_invoker")), s.callbackFields(), s.probeTemplates(),
            s.notWatchingRegions(), s.contextBoundaries(), s.primaryArch(), s.unbuiltFiles()));
        ContextSpec.Registrars registrars = spec.registrars();
        for (String callee : List.of("register_nmi_handler", "__register_nmi_handler", "register_nmi_handlex",
            "tracepoint_probe_register", "tracepoint_probe_register_prio_may_exist", "register_trace_sched_switch",
            "register_trace_", "register_trac", "my_hook_x", "my_hook_", "unregister_nmi_handler", "kmalloc", "")) {
            boolean byRegistration = spec.callbackRegistrations().stream().anyMatch(r -> r.isMadeBy(callee));
            assertThat(registrars.madeBy(callee)).as(callee).isEqualTo(byRegistration)
                .isEqualTo(spec.isRegistrar(callee));
        }
        assertThat(registrars.madeBy("register_trace_sched_switch")).isTrue();
        assertThat(registrars.madeBy("register_trace_")).isFalse();
        assertThat(registrars.madeBy("register_nmi_handlex")).isFalse();
    }

    @Test
    void everyFieldIsInTheKey() {
        List<ContextSpec> variants = List.of(
            KERNEL.plus(List.of("my_nmi_handler"), List.of()),
            KERNEL.plus(List.of(), List.of(new ContextSpec.RegionMarkers("my_idle_enter", "my_idle_exit"))),
            KERNEL.withPrimaryArch("arch/arm64"),
            with(s -> new ContextSpec(s.nmiEntryFunctions(), added(s.callbackRegistrations(),
                new ContextSpec.CallbackRegistration("register_my_nmi", 1, "nmi")), s.callbackFields(),
                s.probeTemplates(), s.notWatchingRegions(), s.contextBoundaries(), s.primaryArch(), s.unbuiltFiles())),
            with(s -> new ContextSpec(s.nmiEntryFunctions(), s.callbackRegistrations(), added(s.callbackFields(),
                new ContextSpec.CallbackField("my_handler", "nmi", "drivers/")), s.probeTemplates(),
                s.notWatchingRegions(), s.contextBoundaries(), s.primaryArch(), s.unbuiltFiles())),
            with(s -> new ContextSpec(s.nmiEntryFunctions(), s.callbackRegistrations(), s.callbackFields(),
                added(s.probeTemplates(), new ContextSpec.ProbeTemplate("MY_EVENT", "my_probe_", ".h")),
                s.notWatchingRegions(), s.contextBoundaries(), s.primaryArch(), s.unbuiltFiles())),
            with(s -> new ContextSpec(s.nmiEntryFunctions(), s.callbackRegistrations(), s.callbackFields(),
                s.probeTemplates(), s.notWatchingRegions(), added(s.contextBoundaries(), "my_panic"), s.primaryArch(),
                s.unbuiltFiles())),
            with(s -> new ContextSpec(s.nmiEntryFunctions(), s.callbackRegistrations(), s.callbackFields(),
                s.probeTemplates(), s.notWatchingRegions(), s.contextBoundaries(), s.primaryArch(), List.of())));
        List<String> keys = new ArrayList<>(variants.stream().map(ContextSpec::cacheKey).toList());
        keys.add(KERNEL.cacheKey());
        assertThat(keys).doesNotHaveDuplicates();
    }

    private static ContextSpec with(UnaryOperator<ContextSpec> change) {
        return change.apply(KERNEL);
    }

    private static <T> List<T> added(List<T> list, T more) {
        List<T> out = new ArrayList<>(list);
        out.add(more);
        return out;
    }
}
